using System.Globalization;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace MyPlugin;

/// <summary>
/// The HTTP face of <see cref="MyPluginIngest"/> on the gateway port:
/// <c>POST /myplugin/{stream}</c> with one segment as the body publishes it (an optional
/// <c>Content-Duration</c> header gives its length in milliseconds, as in go-livepeer's HTTP push), and
/// <c>DELETE /myplugin/{stream}</c> ends the stream.
/// </summary>
public sealed class MyPluginIngestEndpoints : IEndpointContributor
{
    /// <summary>The largest segment accepted.</summary>
    public const int MaxSegmentBytes = 32 * 1024 * 1024;

    private static readonly TimeSpan DefaultDuration = TimeSpan.FromSeconds(2);

    private readonly MyPluginIngest _ingest;

    /// <summary>Serves <paramref name="ingest"/>.</summary>
    public MyPluginIngestEndpoints(MyPluginIngest ingest)
    {
        ArgumentNullException.ThrowIfNull(ingest);
        _ingest = ingest;
    }

    /// <inheritdoc />
    public NodeListener Listener => NodeListener.Gateway;

    /// <inheritdoc />
    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost($"/{_ingest.Name}/{{stream}}", PushAsync);
        endpoints.MapDelete($"/{_ingest.Name}/{{stream}}", EndAsync);
    }

    private async Task PushAsync(HttpContext context)
    {
        var stream = (string)context.Request.RouteValues["stream"]!;
        if (context.Request.ContentLength > MaxSegmentBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            return;
        }

        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        if (body.Length is 0 or > MaxSegmentBytes)
        {
            context.Response.StatusCode = body.Length == 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status413PayloadTooLarge;
            return;
        }

        var duration = long.TryParse(context.Request.Headers["Content-Duration"], NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? TimeSpan.FromMilliseconds(ms)
            : DefaultDuration;
        var sequence = await _ingest.WriteSegmentAsync(stream, body.GetBuffer().AsMemory(0, (int)body.Length), duration, context.RequestAborted).ConfigureAwait(false);
        await context.Response.WriteAsync(sequence.ToString(CultureInfo.InvariantCulture), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task EndAsync(HttpContext context)
    {
        var stream = (string)context.Request.RouteValues["stream"]!;
        context.Response.StatusCode = await _ingest.EndStreamAsync(stream).ConfigureAwait(false)
            ? StatusCodes.Status204NoContent
            : StatusCodes.Status404NotFound;
    }
}
