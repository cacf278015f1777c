using System.Text;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.Trickle.Server;

/// <summary>Responses shaped like Go's <c>http.Error</c> and plain <c>w.Write</c>, so bodies and content types match upstream.</summary>
internal static class HttpAnswers
{
    private const string TextPlain = "text/plain; charset=utf-8";

    /// <summary>Go <c>http.Error</c>: status, text/plain, nosniff, message plus a newline.</summary>
    public static Task ErrorAsync(HttpResponse response, int status, string message)
    {
        response.StatusCode = status;
        response.ContentType = TextPlain;
        response.Headers.XContentTypeOptions = "nosniff";
        return response.Body.WriteAsync(Encoding.UTF8.GetBytes(message + "\n")).AsTask();
    }

    /// <summary>Go <c>w.Write</c> of text (content type sniffed as text/plain).</summary>
    public static Task TextAsync(HttpResponse response, int status, string text)
    {
        response.StatusCode = status;
        response.ContentType = TextPlain;
        return response.Body.WriteAsync(Encoding.UTF8.GetBytes(text)).AsTask();
    }

    /// <summary>Upstream sets <c>Connection: close</c> to wake pre-connected publishers; HTTP/2 has no such header.</summary>
    public static void CloseConnection(HttpContext context)
    {
        if (HttpProtocol.IsHttp10(context.Request.Protocol) || HttpProtocol.IsHttp11(context.Request.Protocol))
        {
            context.Response.Headers.Connection = "close";
        }
    }
}
