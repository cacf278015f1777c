using System.Buffers;
using Livepeer.Plugins.Trickle.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Server;

/// <summary><c>POST {base}{channel}/{idx}</c>: upstream <c>Server.handlePost</c> and <c>Stream.handlePost</c>.</summary>
internal sealed class PublishHandler
{
    private const int ReadBufferBytes = 64 * 1024;

    private readonly ChannelRegistry _registry;
    private readonly ILogger _logger;

    public PublishHandler(ChannelRegistry registry, ILogger logger)
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
            await PublishAsync(context, name, idx).ConfigureAwait(false);
        }
        finally
        {
            counters.RequestEnded();
        }
    }

    private async Task PublishAsync(HttpContext context, string name, string? idx)
    {
        var channel = _registry.Find(name);
        if (channel is null && _registry.Options.Autocreate)
        {
            // Autocreate takes the publish's Content-Type as the channel's MIME type (upstream handlePost).
            var outcome = _registry.GetOrCreate(name, context.Request.ContentType ?? "", out channel);
            if (await ChannelHandlers.AnswerRefusedCreateAsync(context, outcome, name, _registry, _logger).ConfigureAwait(false))
            {
                return;
            }
        }

        if (channel is null)
        {
            HttpAnswers.CloseConnection(context); // upstream: "Wakes up gotrickle preconnects"
            await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status404NotFound, "Stream not found").ConfigureAwait(false);
            return;
        }

        if (!TrickleSequence.TryParse(idx, TrickleSequence.Next, out var sequence))
        {
            HttpAnswers.CloseConnection(context);
            await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status400BadRequest, "Invalid idx").ConfigureAwait(false);
            return;
        }

        // Pre-connected publishes idle for minutes; the segment limit, not Kestrel's, bounds the body.
        if (context.Features.Get<IHttpMinRequestBodyDataRateFeature>() is { } rate)
        {
            rate.MinDataRate = null;
        }

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = null;
        }

        var segment = channel.GetForWrite(sequence);
        if (!string.IsNullOrEmpty(context.Request.Headers[TrickleHeaders.Reset]))
        {
            channel.ResetBelow(segment.Sequence);
        }

        var buffer = ArrayPool<byte>.Shared.Rent(ReadBufferBytes);
        long total = 0;
        try
        {
            var body = context.Request.Body;
            var aborted = context.RequestAborted;
            var first = body.ReadAsync(buffer, aborted).AsTask();
            if (!await WaitForFirstByteAsync(first, segment, channel).ConfigureAwait(false))
            {
                // Closed while waiting (pre-connect woken by close): upstream's zero-byte EOF path.
                _ = first.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
                await AnswerEmptyAsync(context, channel, segment).ConfigureAwait(false);
                return;
            }

            var read = await first.ConfigureAwait(false);
            while (read > 0)
            {
                if (total == 0)
                {
                    channel.MarkWritten(segment.Sequence, _registry.Time.GetUtcNow());
                }

                if (segment.Buffer.Append(buffer.AsSpan(0, read)) == AppendResult.TooLarge)
                {
                    segment.Buffer.Close();
                    TrickleLog.SegmentTooLarge(_logger, channel.Name, segment.Sequence, _registry.Options.MaxSegmentBytes);
                    HttpAnswers.CloseConnection(context);
                    await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status413PayloadTooLarge, "Segment too large").ConfigureAwait(false);
                    return;
                }

                total += read;
                read = await body.ReadAsync(buffer, aborted).ConfigureAwait(false);
            }

            if (total == 0)
            {
                await AnswerEmptyAsync(context, channel, segment).ConfigureAwait(false);
                return;
            }

            context.Response.Headers[TrickleHeaders.Seq] = TrickleSequence.Format(segment.Sequence);
            segment.Buffer.Close();
            TrickleLog.PublishCompleted(_logger, channel.Name, segment.Sequence, total);
        }
        catch (Exception e) when (e is IOException or BadHttpRequestException or OperationCanceledException)
        {
            // Upstream answers 500 and leaves the segment open, so a retried POST of the same seq appends.
            TrickleLog.PublishFailed(_logger, channel.Name, segment.Sequence, total, e);
            if (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
            {
                HttpAnswers.CloseConnection(context);
                await HttpAnswers.ErrorAsync(context.Response, StatusCodes.Status500InternalServerError, "Server error").ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    // Upstream's timeoutReader: wait for the first byte; every FirstByteTimeout upstream writes a
    // "100 Continue" keep-alive, which Kestrel cannot send (see README), so the tick only counts and logs.
    // Returns false when the segment was closed before any byte arrived.
    private async Task<bool> WaitForFirstByteAsync(Task<int> first, TrickleSegment segment, TrickleChannel channel)
    {
        while (true)
        {
            using var tick = new CancellationTokenSource();
            var delay = Task.Delay(_registry.Options.FirstByteTimeout, _registry.Time, tick.Token);
            var done = await Task.WhenAny(first, segment.Buffer.Ended, delay).ConfigureAwait(false);
            await tick.CancelAsync().ConfigureAwait(false);
            if (done == first)
            {
                return true;
            }

            if (done == segment.Buffer.Ended)
            {
                return false;
            }

            _registry.Counters.KeepAliveSent();
            TrickleLog.FirstByteKeepAlive(_logger, channel.Name, segment.Sequence);
        }
    }

    // Upstream: EOF with zero bytes read → nextWrite = idx+1, Seq, Connection: close, Closed if the channel is closed, 200.
    private async Task AnswerEmptyAsync(HttpContext context, TrickleChannel channel, TrickleSegment segment)
    {
        var closed = channel.IsClosed;
        channel.MarkWritten(segment.Sequence, _registry.Time.GetUtcNow());
        segment.Buffer.Close();
        var headers = context.Response.Headers;
        headers[TrickleHeaders.Seq] = TrickleSequence.Format(segment.Sequence);
        if (closed)
        {
            headers[TrickleHeaders.Closed] = TrickleHeaders.Terminated;
        }

        HttpAnswers.CloseConnection(context);
        context.Response.StatusCode = StatusCodes.Status200OK;
        await context.Response.CompleteAsync().ConfigureAwait(false);
    }
}
