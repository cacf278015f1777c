using System.Text;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>The HTTP side shared by WHIP and WHEP (RFC 9725 §4): the offer body, CORS, the answer and the resource URL.</summary>
internal static class SdpExchange
{
    public const string SdpContentType = "application/sdp";

    /// <summary>Headers a browser page on another origin may read from the answer.</summary>
    public const string ExposedHeaders = "Location, ETag, Link, Livepeer-Playback-URL";

    /// <summary>An offer larger than this is refused with 413 (browser offers are 3–8 KiB).</summary>
    public const int MaxOfferBytes = 64 * 1024;

    /// <summary>Stream names: what fits a URL segment and a hub id without escaping.</summary>
    public static bool IsValidStreamName(string? name) =>
        !string.IsNullOrEmpty(name) && name.Length <= 128 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && name[0] != '.';

    /// <summary>Adds the CORS headers every WHIP/WHEP answer carries (any origin may publish or play, as upstream).</summary>
    public static void AddCors(HttpResponse response, string methods)
    {
        response.Headers.AccessControlAllowOrigin = "*";
        response.Headers.AccessControlAllowMethods = methods;
        response.Headers.AccessControlAllowHeaders = "Content-Type, Authorization, If-Match";
        response.Headers.AccessControlExposeHeaders = ExposedHeaders;
    }

    /// <summary>
    /// Reads the offer: 415 unless the content type is application/sdp, 413 over <see cref="MaxOfferBytes"/>,
    /// 400 when empty or not UTF-8. Returns the offer, or the error result to send.
    /// </summary>
    public static async Task<(string? Offer, IResult? Error)> ReadOfferAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var mediaType = request.ContentType?.Split(';', 2)[0].Trim();
        if (!string.Equals(mediaType, SdpContentType, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Text("Content-Type must be application/sdp", statusCode: StatusCodes.Status415UnsupportedMediaType));
        }

        if (request.ContentLength > MaxOfferBytes)
        {
            return (null, Results.Text("SDP offer too large", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        var buffer = new byte[MaxOfferBytes + 1];
        var length = 0;
        while (length < buffer.Length)
        {
            var read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        if (length > MaxOfferBytes)
        {
            return (null, Results.Text("SDP offer too large", statusCode: StatusCodes.Status413PayloadTooLarge));
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
        }
        catch (DecoderFallbackException)
        {
            return (null, Results.Text("SDP offer is not UTF-8", statusCode: StatusCodes.Status400BadRequest));
        }

        if (string.IsNullOrWhiteSpace(text) || !text.StartsWith("v=0", StringComparison.Ordinal))
        {
            return (null, Results.Text("not an SDP offer (expected v=0 first)", statusCode: StatusCodes.Status400BadRequest));
        }

        return (text, null);
    }

    /// <summary>The absolute URL of a session resource under the request's own path (upstream's Location form).</summary>
    public static string ResourceUrl(HttpRequest request, string sessionId) =>
        $"{request.Scheme}://{request.Host}{request.PathBase}{request.Path.Value!.TrimEnd('/')}/{sessionId}";

    /// <summary>Writes 201 Created with the SDP answer and the resource headers.</summary>
    public static async Task WriteAnswerAsync(HttpContext context, string answer, string location, IReadOnlyList<string> iceServers, string? playbackUrl)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status201Created;
        response.ContentType = SdpContentType;
        response.Headers.Location = location;
        response.Headers.ETag = $"W/\"{WebRtcSessions.NewId()}\"";
        foreach (var server in iceServers)
        {
            response.Headers.Append("Link", $"<{server}>; rel=\"ice-server\"");
        }

        if (playbackUrl is not null)
        {
            response.Headers["Livepeer-Playback-URL"] = playbackUrl;
        }

        await response.WriteAsync(answer, context.RequestAborted).ConfigureAwait(false);
    }
}
