using System.Net;
using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Server;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>
/// Reads a channel's segments over HTTP (upstream <c>TrickleSubscriber</c>, Python <c>TrickleSubscriber</c>):
/// <c>GET {channel}/{seq}</c> from the start sequence, then <c>Lp-Trickle-Seq</c> + 1, each next GET
/// pre-connected as soon as a segment arrives and re-issued when it got no headers within 20 s. 404 and
/// <c>Lp-Trickle-Closed</c> end the stream (<c>null</c>); 470 jumps to <c>Lp-Trickle-Latest</c> (or waits when
/// ahead of it); failures are retried 5 times 300 ms apart, then <see cref="SegmentChannelException"/>.
/// </summary>
public sealed class TrickleSubscriber : ISegmentSubscriber
{
    private readonly Uri _channelUrl;
    private readonly HttpMessageInvoker _http;
    private readonly TrickleClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private long _next;
    private TrickleGet? _pending;
    private bool _ended;
    private bool _disposed;

    /// <summary>Creates a subscriber; call <see cref="Start"/> to send the first GET before the first read.</summary>
    /// <param name="channelUrl">The channel, e.g. <c>https://o:8935/ai/trickle/abc-events</c>.</param>
    /// <param name="startSequence">A sequence number, -1 (the next segment written) or -2 (the latest).</param>
    /// <param name="http">Sends the requests (an <see cref="HttpClient"/> or a handler from <see cref="TrickleHttp.CreateHandler"/>).</param>
    /// <param name="options">Retries and timeouts.</param>
    /// <param name="time">For the pre-connect refresh and retry pauses.</param>
    /// <param name="logger">Where failures are logged.</param>
    public TrickleSubscriber(Uri channelUrl, long startSequence, HttpMessageInvoker http, TrickleClientOptions options, TimeProvider time, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(channelUrl);
        ArgumentOutOfRangeException.ThrowIfLessThan(startSequence, SegmentChannelInfo.CurrentSegment);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _channelUrl = channelUrl;
        _next = startSequence;
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        ChannelName = TrickleHttp.ChannelName(channelUrl);
    }

    /// <inheritdoc />
    public string ChannelName { get; }

    /// <summary>Pre-connects the first GET now, so -1 is resolved when the subscriber opens rather than at its first read.</summary>
    public TrickleSubscriber Start()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            _pending ??= TrickleGet.Start(_http, _channelUrl, _next, _options);
        }

        return this;
    }

    /// <inheritdoc />
    public async ValueTask<IChannelSegment?> NextSegmentAsync(CancellationToken cancellationToken)
    {
        var attempts = 0;
        while (true)
        {
            TrickleGet get;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (_ended)
                {
                    return null;
                }

                get = _pending is { } pending && pending.Sequence == _next ? pending : TrickleGet.Start(_http, _channelUrl, _next, _options);
                _pending = null;
            }

            HttpResponseMessage response;
            try
            {
                response = await get.Response.WaitAsync(_options.PreconnectRefresh, _time, cancellationToken).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
                // Upstream preconnectRefreshTimeout: an idle channel must not hold one request for ever.
                get.Abort();
                TrickleClientLog.PreconnectRefreshed(_logger, ChannelName, get.Sequence, _options.PreconnectRefresh);
                continue;
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                get.Abort();
                throw;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException)
            {
                get.Abort();
                await RetryAsync(++attempts, get.Sequence, e, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode == HttpStatusCode.NotFound || TrickleResponses.IsClosed(response))
            {
                response.Dispose();
                End();
                return null;
            }

            if ((int)response.StatusCode == TrickleHeaders.SegmentNotFound)
            {
                var latest = TrickleResponses.Latest(response);
                response.Dispose();
                TrickleClientLog.SegmentMissing(_logger, ChannelName, get.Sequence, latest ?? -1);
                if (latest is { } jump && jump >= get.Sequence)
                {
                    lock (_lock)
                    {
                        _next = jump; // behind the ring: go to the live edge (Python SDK; upstream callers do the same)
                    }
                }

                await RetryAsync(++attempts, get.Sequence, null, cancellationToken, pause: latest is null || latest < get.Sequence).ConfigureAwait(false);
                continue;
            }

            if (response.StatusCode != HttpStatusCode.OK)
            {
                var status = response.StatusCode;
                response.Dispose();
                await RetryAsync(++attempts, get.Sequence, new HttpRequestException($"GET answered {(int)status}.", null, status), cancellationToken).ConfigureAwait(false);
                continue;
            }

            return await OpenSegmentAsync(get, response, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Stops reading; the pending pre-connect is cancelled.</summary>
    public ValueTask DisposeAsync()
    {
        TrickleGet? pending;
        lock (_lock)
        {
            _disposed = true;
            pending = _pending;
            _pending = null;
        }

        pending?.Abort();
        return ValueTask.CompletedTask;
    }

    private async ValueTask<IChannelSegment> OpenSegmentAsync(TrickleGet get, HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // Upstream: next = Lp-Trickle-Seq + 1; without the header the same index is asked again (Python SDK).
        var sequence = TrickleResponses.Seq(response) ?? get.Sequence;
        lock (_lock)
        {
            _next = sequence >= 0 ? sequence + 1 : get.Sequence;
            if (!_disposed)
            {
                _pending = TrickleGet.Start(_http, _channelUrl, _next, _options);
            }
        }

        try
        {
            var content = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return new TrickleHttpSegment(sequence, response, content);
        }
        catch
        {
            response.Dispose();
            throw;
        }
    }

    private async ValueTask RetryAsync(int attempt, long sequence, Exception? error, CancellationToken cancellationToken, bool pause = true)
    {
        TrickleClientLog.SubscribeFailed(_logger, ChannelName, sequence, attempt, error);
        if (attempt >= _options.SubscribeMaxRetries)
        {
            throw new SegmentChannelException($"Subscribing to trickle channel '{ChannelName}' failed {attempt} times in a row.", error ?? new IOException($"Segment {sequence} is missing."));
        }

        if (pause)
        {
            await Task.Delay(_options.SubscribeRetryPause, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void End()
    {
        lock (_lock)
        {
            _ended = true;
        }

        TrickleClientLog.SubscriberEnded(_logger, ChannelName);
    }
}
