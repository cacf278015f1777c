using System.Text;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.HttpPush;

/// <summary>Writes a <c>multipart/mixed</c> body (RFC 2046 §5.1) with upstream's part headers.</summary>
internal static class MultipartWriter
{
    /// <summary>Writes the response: status 200, <c>Content-Type: multipart/mixed; boundary=…</c>, one part per rendition.</summary>
    public static async Task WriteAsync(HttpResponse response, string boundary, IReadOnlyList<MultipartPart> parts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(parts);
        var heads = parts.Select(p => Encoding.ASCII.GetBytes(
            $"--{boundary}\r\n" +
            $"Content-Type: {p.ContentType}\r\n" +
            $"Content-Length: {p.Data.Length}\r\n" +
            $"Content-Disposition: attachment; filename=\"{p.FileName}\"\r\n" +
            $"Rendition-Name: {p.Rendition}\r\n\r\n")).ToList();
        var close = Encoding.ASCII.GetBytes($"--{boundary}--\r\n");
        var crlf = "\r\n"u8.ToArray();

        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = $"multipart/mixed; boundary={boundary}";
        response.ContentLength = heads.Sum(h => h.Length) + parts.Sum(p => p.Data.Length + crlf.Length) + close.Length;
        for (var i = 0; i < parts.Count; i++)
        {
            await response.Body.WriteAsync(heads[i], cancellationToken).ConfigureAwait(false);
            await response.Body.WriteAsync(parts[i].Data, cancellationToken).ConfigureAwait(false);
            await response.Body.WriteAsync(crlf, cancellationToken).ConfigureAwait(false);
        }

        await response.Body.WriteAsync(close, cancellationToken).ConfigureAwait(false);
    }
}
