using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Media;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.HttpPush;

/// <summary>
/// Handles <c>PUT|POST /live/{manifestID}/{seq}.ts|.mp4</c> (reference §9.3): checks the request and the body
/// before anything reaches a stream, publishes the segment, and answers 200 (with a <c>multipart/mixed</c> body
/// when asked), 400 bad request, 403 refused by the auth webhook, 404 while disabled, 409 id taken by another
/// ingest, 413 too large, 422 not MPEG-TS/MP4, 503 no sessions available.
/// </summary>
internal sealed class PushHandler
{
    private readonly PushSessions _sessions;
    private readonly HttpPushOptions _options;
    private readonly NodeSettings _settings;
    private readonly INodeAddresses? _addresses;
    private readonly IRandomSource? _random;
    private readonly ILogger _logger;
    private int _disabledLogged;

    public PushHandler(PushSessions sessions, HttpPushOptions options, NodeSettings settings, INodeAddresses? addresses, IRandomSource? random, ILogger logger)
    {
        _sessions = sessions;
        _options = options;
        _settings = settings;
        _addresses = addresses;
        _random = random;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsEnabled())
        {
            await ErrorAsync(context, StatusCodes.Status404NotFound, "404 page not found").ConfigureAwait(false);
            return;
        }

        var request = PushRequest.Parse(
            context.Request.RouteValues["manifestId"] as string, context.Request.RouteValues["file"] as string, context.Request.Headers, out var error);
        if (request is null)
        {
            await ErrorAsync(context, StatusCodes.Status400BadRequest, error).ConfigureAwait(false);
            return;
        }

        byte[]? body;
        try
        {
            body = await ReadBodyAsync(context).ConfigureAwait(false);
        }
        catch (PushRefusedException e)
        {
            await ErrorAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
            return;
        }

        if (body is null)
        {
            HttpPushLog.TooLarge(_logger, request.ManifestId, _options.MaxSegSize);
            await ErrorAsync(context, StatusCodes.Status413PayloadTooLarge, $"segment larger than {_options.MaxSegSize} bytes").ConfigureAwait(false);
            return;
        }

        var tracks = request.Extension == ".ts" ? TransportStreamProbe.Probe(body) : Mp4Probe.LooksLikeMp4(body) ? [] : null;
        if (tracks is null)
        {
            // Checked before the stream exists, so a bad body neither creates nor touches a stream.
            HttpPushLog.NotMedia(_logger, request.ManifestId, request.Sequence, body.Length);
            var format = request.Extension == ".ts" ? "MPEG-TS" : "MP4";
            await ErrorAsync(context, StatusCodes.Status422UnprocessableEntity, $"segment is not {format}").ConfigureAwait(false);
            return;
        }

        tracks = WithResolution(tracks, request);
        try
        {
            if (!await PublishAsync(request, body, tracks, new Uri(context.Request.GetEncodedUrl()), CancellationToken.None).ConfigureAwait(false))
            {
                await ErrorAsync(context, StatusCodes.Status500InternalServerError, "the stream ended while the segment was being published").ConfigureAwait(false);
                return;
            }
        }
        catch (PushRefusedException e)
        {
            await ErrorAsync(context, e.StatusCode, e.Message).ConfigureAwait(false);
            return;
        }

        if (context.Request.Headers.Accept.Any(a => a?.Contains("multipart/mixed", StringComparison.OrdinalIgnoreCase) == true))
        {
            // No transcoding yet: the renditions produced for a segment are its source (see README).
            var part = new MultipartPart(
                StreamDescriptor.SourceRendition,
                $"{StreamDescriptor.SourceRendition}_{request.Sequence}{request.Extension}",
                request.Extension == ".ts" ? "video/mp2t" : MediaContentTypes.Mp4,
                body);
            await MultipartWriter.WriteAsync(context.Response, Boundary(), [part], CancellationToken.None).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = StatusCodes.Status200OK;
    }

    private async Task<bool> PublishAsync(PushRequest request, byte[] body, IReadOnlyList<TrackInfo> tracks, Uri url, CancellationToken cancellationToken)
    {
        // A session that ends between lookup and write (idle timeout) is replaced once.
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var session = await _sessions.GetOrStartAsync(request.ManifestId, url).ConfigureAwait(false);
            session.Touch();
            try
            {
                if (await session.WriteAsync(body, request, tracks, cancellationToken).ConfigureAwait(false))
                {
                    return true;
                }
            }
            finally
            {
                session.Release();
            }

            _sessions.Forget(session);
        }

        return false;
    }

    private bool IsEnabled()
    {
        if (_options.Enabled is { } enabled)
        {
            return enabled;
        }

        // Upstream: unset -httpIngest with a public -httpAddr and no -authWebhookUrl disables HTTP ingest.
        if (_settings.AuthWebhookUrl is not null || _addresses?.GetBaseUri(NodeListener.Gateway) is not { } gateway || IsLoopback(gateway.Host))
        {
            return true;
        }

        if (Interlocked.Exchange(ref _disabledLogged, 1) == 0)
        {
            HttpPushLog.DisabledOnPublicAddress(_logger, gateway.Host);
        }

        return false;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip));

    // The body, or null when it is larger than MaxSegSize (checked against Content-Length and while reading).
    private async Task<byte[]?> ReadBodyAsync(HttpContext context)
    {
        var limit = _options.MaxSegSize;
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1; // Kestrel's own 30 MB default would refuse upstream-sized segments
        }

        if (context.Request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream(context.Request.ContentLength is { } length ? (int)length : 64 * 1024);
        var chunk = new byte[64 * 1024];
        try
        {
            int read;
            // Not RequestAborted: ffmpeg's HTTP output closes its side right after the last chunk, and a body
            // that arrived whole is published even when nobody waits for the answer (as upstream's Go server does).
            while ((read = await context.Request.Body.ReadAsync(chunk, CancellationToken.None).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > limit)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            throw new PushRefusedException(StatusCodes.Status400BadRequest, "the request body ended early");
        }

        return buffer.ToArray();
    }

    private static IReadOnlyList<TrackInfo> WithResolution(IReadOnlyList<TrackInfo> tracks, PushRequest request)
    {
        if (request.Width == 0)
        {
            return tracks;
        }

        var video = tracks.FirstOrDefault(t => t.Kind == TrackKind.Video);
        return video is null ? tracks : [.. tracks.Select(t => t == video ? t with { Width = request.Width, Height = request.Height } : t)];
    }

    private string Boundary()
    {
        Span<byte> bytes = stackalloc byte[16];
        if (_random is not null)
        {
            _random.NextBytes(bytes);
        }
        else
        {
            Guid.NewGuid().TryWriteBytes(bytes);
        }

        return Convert.ToHexStringLower(bytes);
    }

    // Like Go's http.Error: plain text and a newline.
    private static Task ErrorAsync(HttpContext context, int status, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return context.Response.WriteAsync(message + "\n", CancellationToken.None); // writes to a gone client are dropped by Kestrel
    }
}
