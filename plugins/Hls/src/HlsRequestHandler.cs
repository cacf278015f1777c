using Livepeer.Abstractions.Media;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.Hls;

/// <summary>Serves playlists and segments from <see cref="HlsStreams"/>; anything unknown is 404, never a server error.</summary>
internal sealed class HlsRequestHandler
{
    private const string CurrentName = "current";
    private readonly HlsStreams _streams;
    private readonly HlsOptions _options;

    public HlsRequestHandler(HlsStreams streams, HlsOptions options)
    {
        _streams = streams;
        _options = options;
    }

    public Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var path = HlsPath.Parse(context.Request.RouteValues["path"] as string);
        var stream = path is null ? null
            : path.Resource == HlsResource.Master && _options.CurrentManifest && path.StreamId == CurrentName ? _streams.Current
            : _streams.Find(path.StreamId);
        if (path is null || stream is null)
        {
            return NotFound(context);
        }

        switch (path.Resource)
        {
            // A playlist with no segment yet makes players (ffprobe, hls.js) give up instead of retrying, so a
            // stream's playlists appear with its first segment; until then it is 404 like an unknown stream.
            case HlsResource.Master when stream.Find(StreamDescriptor.SourceRendition) is { HasSegments: true }:
                return WriteAsync(context, PlaylistWriter.ContentType, Utf8(PlaylistWriter.Master(stream)), "no-cache");
            case HlsResource.Media when stream.Find(path.Rendition) is { HasSegments: true } rendition:
                var ended = stream.Ended;
                var playlist = PlaylistWriter.Media(rendition.Name, rendition.Snapshot(_options.WindowSize, ended));
                return WriteAsync(context, PlaylistWriter.ContentType, Utf8(playlist), ended ? "max-age=60" : "no-cache");
            case HlsResource.Segment when stream.Find(path.Rendition)?.Find(path.Sequence) is { } segment:
                var contentType = segment.ContentType == MediaContentTypes.MpegTs ? "video/mp2t" : segment.ContentType;
                return WriteAsync(context, contentType, segment.Data, "max-age=3600");
            default:
                return NotFound(context);
        }
    }

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    // RFC 8216 §4: playlists are UTF-8.
    private static byte[] Utf8(string playlist) => System.Text.Encoding.UTF8.GetBytes(playlist);

    private static async Task WriteAsync(HttpContext context, string contentType, ReadOnlyMemory<byte> body, string cacheControl)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        response.Headers.CacheControl = cacheControl;
        response.Headers.AccessControlAllowOrigin = "*"; // players on other origins (hls.js), as upstream
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
        }
    }
}
