using System.Net;
using Livepeer.Abstractions.Channels;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>
/// Publishes a channel's segments over HTTP (upstream <c>TricklePublisher</c>, Python <c>TricklePublisher</c>):
/// the first segment starts at <c>GET {channel}/next</c> (or a given sequence, else <c>-1</c>) with
/// <c>Lp-Trickle-Reset</c>; each segment handed out pre-connects the next; a request refused before its first
/// byte is retried once; 404 or <c>Lp-Trickle-Closed</c> ends publishing and so do 3 failed segments in a
/// row. Disposing leaves the channel; <see cref="CloseAsync"/> deletes it as upstream's <c>Close</c>.
/// </summary>
public sealed class TricklePublisher : ISegmentPublisher
{
    private readonly Uri _channelUrl;
    private readonly string _mimeType;
    private readonly HttpMessageInvoker _http;
    private readonly TrickleClientOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _lock = new();
    private long? _next;
    private TricklePost? _preconnect;
    private bool _resetSent;
    private int _failures;
    private Exception? _ended;
    private bool _disposed;

    /// <summary>Creates a publisher; nothing is sent until the first segment begins.</summary>
    /// <param name="channelUrl">The channel, e.g. <c>https://o:8935/ai/trickle/abc-control</c>.</param>
    /// <param name="mimeType">The <c>Content-Type</c> of every POST.</param>
    /// <param name="http">Sends the requests (an <see cref="HttpClient"/> or a handler from <see cref="TrickleHttp.CreateHandler"/>).</param>
    /// <param name="options">Retries and timeouts.</param>
    /// <param name="time">For retry pauses.</param>
    /// <param name="logger">Where failures are logged.</param>
    /// <param name="startSequence">The first sequence to write; <c>null</c> asks the server (<c>/next</c>).</param>
    public TricklePublisher(Uri channelUrl, string mimeType, HttpMessageInvoker http, TrickleClientOptions options, TimeProvider time, ILogger logger, long? startSequence = null)
    {
        ArgumentNullException.ThrowIfNull(channelUrl);
        ArgumentNullException.ThrowIfNull(mimeType);
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(logger);
        _channelUrl = channelUrl;
        _mimeType = mimeType;
        _http = http;
        _options = options;
        _time = time;
        _logger = logger;
        _next = startSequence;
        ChannelName = TrickleHttp.ChannelName(channelUrl);
    }

    /// <inheritdoc />
    public string ChannelName { get; }

    /// <inheritdoc />
    public async ValueTask<ISegmentWriter> BeginSegmentAsync(CancellationToken cancellationToken)
    {
        ThrowIfEnded();
        var next = _next ?? await QueryNextAsync(cancellationToken).ConfigureAwait(false);
        TricklePost? post;
        lock (_lock)
        {
            post = _preconnect is { } preconnect && preconnect.Sequence == next ? preconnect : null;
            _preconnect = null;
            _next = next >= 0 ? next + 1 : null; // after -1 the server's Lp-Trickle-Seq tells (see Completed)
        }

        post ??= StartPost(next);
        var retried = false;
        if (post.Response.IsCompleted)
        {
            // The pre-connect was answered before any byte: 404/closed end publishing, anything else is retried once.
            post = await RetryAsync(post, null, cancellationToken).ConfigureAwait(false);
            retried = true;
        }

        if (next >= 0)
        {
            var preconnect = StartPost(next + 1);
            lock (_lock)
            {
                (_preconnect, preconnect) = (preconnect, _preconnect);
            }

            preconnect?.Abort();
        }

        return new TrickleSegmentWriter(this, post, retried);
    }

    /// <summary>Stops publishing: the pending pre-connect is cancelled; the channel stays.</summary>
    public ValueTask DisposeAsync()
    {
        TricklePost? preconnect;
        lock (_lock)
        {
            _disposed = true;
            preconnect = _preconnect;
            _preconnect = null;
        }

        preconnect?.Abort();
        return ValueTask.CompletedTask;
    }

    /// <summary>Upstream <c>Close</c>: stops publishing and deletes the channel (<c>DELETE {channel}</c>). False when the server had no such channel.</summary>
    public async ValueTask<bool> CloseAsync(CancellationToken cancellationToken)
    {
        await DisposeAsync().ConfigureAwait(false);
        return await TrickleRequests.DeleteAsync(_http, _channelUrl, _options, _logger, cancellationToken).ConfigureAwait(false);
    }

    internal string Describe(long sequence) => $"{ChannelName}/{sequence}";

    internal TricklePost StartPost(long sequence)
    {
        bool reset;
        lock (_lock)
        {
            reset = !_resetSent;
            _resetSent = true;
        }

        return TricklePost.Start(_http, _channelUrl, sequence, _mimeType, reset, _options);
    }

    /// <summary>A POST ended before its first byte: end publishing on 404/closed, else pause and send it again.</summary>
    internal async ValueTask<TricklePost> RetryAsync(TricklePost failed, Exception? error, CancellationToken cancellationToken)
    {
        // A failed body write may precede the answer that explains it (a 404 for a deleted channel).
        await Task.WhenAny(failed.Response, Task.Delay(_options.PublishRetryPause, _time, cancellationToken)).ConfigureAwait(false);
        if (failed.Response.IsCompletedSuccessfully)
        {
            using var response = await failed.Response.ConfigureAwait(false);
            EndIfTerminal(response);
            error ??= new HttpRequestException($"POST answered {(int)response.StatusCode} before the body.", null, response.StatusCode);
        }

        failed.Abort();
        TrickleClientLog.PublishRetry(_logger, ChannelName, failed.Sequence, error ?? failed.Response.Exception?.InnerException);
        if (!failed.Response.IsCompleted)
        {
            await Task.Delay(_options.PublishRetryPause, _time, cancellationToken).ConfigureAwait(false);
        }

        ThrowIfEnded();
        return StartPost(failed.Sequence);
    }

    /// <summary>A segment's POST answered: success resets the failure count, 404/closed end publishing, other answers count as failures.</summary>
    internal void Completed(TricklePost post, HttpResponseMessage response)
    {
        if (response.StatusCode == HttpStatusCode.OK && !TrickleResponses.IsClosed(response))
        {
            lock (_lock)
            {
                _failures = 0;
                if (post.Sequence < 0 && TrickleResponses.Seq(response) is { } seq && _next is null)
                {
                    _next = seq + 1;
                }
            }

            return;
        }

        try
        {
            EndIfTerminal(response);
        }
        catch (SegmentChannelException)
        {
            return; // recorded in _ended; the next BeginSegmentAsync throws it
        }

        Failed(post, new HttpRequestException($"POST answered {(int)response.StatusCode}.", null, response.StatusCode));
    }

    /// <summary>A segment failed: counts towards the limit of consecutive failures.</summary>
    internal void Failed(TricklePost post, Exception? error)
    {
        int failures;
        lock (_lock)
        {
            failures = ++_failures;
        }

        TrickleClientLog.PublishFailed(_logger, ChannelName, post.Sequence, failures, error);
        if (failures >= _options.MaxConsecutivePublishFailures)
        {
            End(new SegmentChannelException($"Publishing to trickle channel '{ChannelName}' failed {failures} times in a row.", error ?? new IOException("Publish failed.")));
        }
    }

    /// <summary>
    /// A segment failed after its retry or after bytes were accepted. A 404/closed answer ends publishing;
    /// otherwise the segment is abandoned as upstream's <c>pendingPost.Close</c> does (<c>DELETE {channel}/{seq}</c>,
    /// so its subscribers end) and, unless the caller cancelled (<paramref name="error"/> null), counted as a failure.
    /// </summary>
    internal async Task<SegmentChannelException?> AbandonAsync(TricklePost post, Exception? error)
    {
        if (post.Response.IsCompletedSuccessfully)
        {
            using var response = await post.Response.ConfigureAwait(false);
            try
            {
                EndIfTerminal(response);
            }
            catch (SegmentChannelException ended)
            {
                return ended;
            }
        }

        post.Abort();
        if (post.Sequence >= 0)
        {
            TrickleClientLog.SegmentAbandoned(_logger, ChannelName, post.Sequence);
            await TrickleRequests.DeleteAsync(_http, TrickleHttp.SegmentUri(_channelUrl, Core.TrickleSequence.Format(post.Sequence)), _options, _logger, CancellationToken.None).ConfigureAwait(false);
        }

        if (error is null)
        {
            return null;
        }

        Failed(post, error);
        return new SegmentChannelException($"Publishing segment {Describe(post.Sequence)} failed.", error);
    }

    private void EndIfTerminal(HttpResponseMessage response)
    {
        if (TrickleResponses.IsNotFound(response))
        {
            throw End(new SegmentChannelNotFoundException($"The trickle channel '{ChannelName}' does not exist (404)."));
        }

        if (TrickleResponses.IsClosed(response))
        {
            throw End(new SegmentChannelNotFoundException($"The trickle channel '{ChannelName}' was closed."));
        }
    }

    private async ValueTask<long> QueryNextAsync(CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.RequestTimeout);
        var uri = TrickleHttp.SegmentUri(_channelUrl, "next");
        try
        {
            using var request = TrickleHttp.Request(HttpMethod.Get, uri, _options);
            using var response = await TrickleRequests.SendAsync(_http, request, timeout.Token).ConfigureAwait(false);
            EndIfTerminal(response);
            return response.StatusCode == HttpStatusCode.OK && TrickleResponses.Latest(response) is { } latest and >= 0 ? latest : -1;
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // Python SDK: when /next fails the publisher posts to -1 (the server's next write).
            TrickleClientLog.RequestFailed(_logger, "GET", uri, e);
            return -1;
        }
    }

    private SegmentChannelException End(SegmentChannelException reason)
    {
        TricklePost? preconnect;
        lock (_lock)
        {
            _ended ??= reason;
            preconnect = _preconnect;
            _preconnect = null;
        }

        preconnect?.Abort();
        TrickleClientLog.PublisherEnded(_logger, ChannelName, reason.Message);
        return reason;
    }

    private void ThrowIfEnded()
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_ended is { } ended)
            {
                throw ended is SegmentChannelNotFoundException
                    ? new SegmentChannelNotFoundException(ended.Message, ended)
                    : new SegmentChannelException(ended.Message, ended);
            }
        }
    }
}
