using System.Text;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.Byoc.Http;

/// <summary>Plain-text answers as go-livepeer's <c>http.Error</c> writes them, and bounded body reads.</summary>
internal static class HttpAnswers
{
    public static async Task TextAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(message + "\n", context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>The request body as text, or <c>null</c> (and a 413 written) when longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<string?> ReadBodyAsync(HttpContext context, long maxBytes) =>
        await ReadBodyBytesAsync(context, maxBytes).ConfigureAwait(false) is { } body ? Encoding.UTF8.GetString(body) : null;

    /// <summary>The request body, or <c>null</c> (and a 413 written) when longer than <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadBodyBytesAsync(HttpContext context, long maxBytes)
    {
        if (context.Request.ContentLength > maxBytes)
        {
            await TextAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large").ConfigureAwait(false);
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                await TextAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large").ConfigureAwait(false);
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
