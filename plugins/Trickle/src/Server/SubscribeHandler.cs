using System.Buffers;
using Livepeer.Plugins.Trickle.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Server;

/// <summary><c>GET {base}{channel}/{idx}</c>: upstream <c>Server.handleGet</c> and <c>Stream.handleGet</c>.</summary>
internal sealed class SubscribeHandler
{
    private const int ChunkBytes = 64 * 1024;
    private const string EntryNotFound = "Entry not found";

    private readonly ChannelRegistry _registry;
    private readonly ILogger _logger;

    public SubscribeHandler(ChannelRegistry registry, ILogger logger)
    {
        _registry = registry;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext context, string name, string? idx)
    {
        var counters = _registry.Counters;
        counters.RequestStarted();
        try
        {
            await SubscribeAsync(context, name, idx).ConfigureAwait(false);
        }
        finally
        {
            counters.RequestEnded();
        }
    }

    private async Task SubscribeAsync(HttpContext context, string name, string? idx)
    {
        var response = context.Response;
        if (_registry.Find(name) is not { } channel)
        {
            await HttpAnswers.ErrorAsync(response, StatusCodes.Status404NotFound, "Stream not found").ConfigureAwait(false);
            return;
        }

        if (!TrickleSequence.TryParse(idx, TrickleSequence.Current, out var requested))
        {
            await HttpAnswers.ErrorAsync(response, StatusCodes.Status400BadRequest, "Invalid idx").ConfigureAwait(false);
            return;
        }

        var lookup = channel.GetForRead(requested);
        if (lookup.Segment is not { } segment)
        {
            // Upstream: Latest and the requested idx; closed channel → 200 + Closed, open → 470.
            response.Headers[TrickleHeaders.Latest] = TrickleSequence.Format(lookup.Latest);
            response.Headers[TrickleHeaders.Seq] = TrickleSequence.Format(requested);
            if (lookup.Closed)
            {
                response.Headers[TrickleHeaders.Closed] = TrickleHeaders.Terminated;
            }

            await HttpAnswers.TextAsync(response, lookup.Closed ? StatusCodes.Status200OK : TrickleHeaders.SegmentNotFound, EntryNotFound).ConfigureAwait(false);
            return;
        }

        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        var counters = _registry.Counters;
        counters.ReaderOpened();
        var reader = segment.Buffer.OpenReader(counters.ReaderClosed);
        var chunk = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        long sent = 0;
        try
        {
            var aborted = context.RequestAborted;
            int read;
            while ((read = await reader.ReadAsync(chunk, aborted).ConfigureAwait(false)) > 0)
            {
                if (sent == 0)
                {
                    // Headers go out with the first byte, so a pre-created segment long-polls until it starts.
                    if (segment.Sequence != lookup.Latest)
                    {
                        response.Headers[TrickleHeaders.Latest] = TrickleSequence.Format(lookup.Latest);
                    }

                    response.Headers[TrickleHeaders.Seq] = TrickleSequence.Format(segment.Sequence);
                    response.ContentType = channel.MimeType;
                }

                await response.Body.WriteAsync(chunk.AsMemory(0, read), aborted).ConfigureAwait(false);
                await response.Body.FlushAsync(aborted).ConfigureAwait(false);
                sent += read;
            }

            if (sent == 0)
            {
                // Upstream: a segment that ended with nothing sent answers 200 with Seq, a fresh Latest and Closed if closed.
                response.Headers[TrickleHeaders.Seq] = TrickleSequence.Format(segment.Sequence);
                response.Headers[TrickleHeaders.Latest] = TrickleSequence.Format(channel.NextWrite);
                if (channel.IsClosed)
                {
                    response.Headers[TrickleHeaders.Closed] = TrickleHeaders.Terminated;
                }

                response.StatusCode = StatusCodes.Status200OK;
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException)
        {
            TrickleLog.SubscriberGone(_logger, channel.Name, segment.Sequence, sent);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
            await reader.DisposeAsync().ConfigureAwait(false);
        }
    }
}
