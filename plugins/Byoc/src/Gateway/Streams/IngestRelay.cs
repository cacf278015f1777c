using Livepeer.Abstractions.Media;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>Where a stream's ingest segments go: the current orchestrator attempt's video-in channel.</summary>
internal interface IIngestSink
{
    /// <summary>Hands a segment over without waiting (a live relay never blocks its source).</summary>
    void Send(MediaSegment segment);
}

/// <summary>
/// A stream's input: the hub stream <c>{stream_id}</c> that the Rtmp plugin (a publish to <c>rtmp_url</c>) or the WebRtc
/// plugin (WHIP) publishes. It is subscribed when it appears — now, or later through <see cref="IngestWatch"/> — and
/// again each time the client reconnects; each segment goes to the current <see cref="IIngestSink"/>, which changes on
/// an orchestrator swap while the client's ingest stays connected. Segments arriving between attempts are dropped (live).
/// </summary>
internal sealed class IngestRelay(string streamId, TimeProvider time, StreamCounters counters, ILogger logger) : IAsyncDisposable
{
    private readonly Lock _lock = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Task> _readers = [];
    private volatile IIngestSink? _sink;
    private long _segments;
    private long _bytes;
    private long _lastSegmentAt = -1;
    private long _goneSince = time.GetTimestamp();
    private int _generation;
    private bool _connected;
    private string _protocol = "";
    private bool _disposed;

    public long Segments => Interlocked.Read(ref _segments);

    public long Bytes => Interlocked.Read(ref _bytes);

    public bool Connected
    {
        get
        {
            lock (_lock)
            {
                return _connected;
            }
        }
    }

    public string Protocol
    {
        get
        {
            lock (_lock)
            {
                return _protocol;
            }
        }
    }

    /// <summary>How long since the last input segment; <c>null</c> before the first.</summary>
    public TimeSpan? SinceLastSegment
    {
        get
        {
            var last = Interlocked.Read(ref _lastSegmentAt);
            return last < 0 ? null : time.GetElapsedTime(last);
        }
    }

    /// <summary>How long the stream has had no ingest (zero while connected).</summary>
    public TimeSpan GoneFor
    {
        get
        {
            lock (_lock)
            {
                return _connected ? TimeSpan.Zero : time.GetElapsedTime(_goneSince);
            }
        }
    }

    public void SetSink(IIngestSink? sink) => _sink = sink;

    /// <summary>Subscribes to the stream if <paramref name="hub"/> publishes it and no reader follows it yet. Never blocks.</summary>
    public void Attach(IMediaStreamHub hub)
    {
        IStreamSubscription? subscription;
        lock (_lock)
        {
            if (_disposed || _connected)
            {
                return;
            }

            subscription = hub.Subscribe(streamId);
            if (subscription is null)
            {
                return;
            }

            _connected = true;
            _protocol = subscription.Descriptor.Protocol;
            var generation = ++_generation;
            counters.Open(StreamResource.HubSubscriptions);
            _readers.RemoveAll(t => t.IsCompleted);
            _readers.Add(counters.Run(() => ReadAsync(subscription, generation), logger, streamId));
        }
    }

    /// <summary>The hub says the ingest stream ended (the client disconnected).</summary>
    public void Detach()
    {
        lock (_lock)
        {
            if (_connected)
            {
                _connected = false;
                _goneSince = time.GetTimestamp();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        Task[] readers;
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            readers = [.. _readers];
        }

        _sink = null;
        await _stopping.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(readers).ConfigureAwait(false);
        _stopping.Dispose();
    }

    private async Task ReadAsync(IStreamSubscription subscription, int generation)
    {
        try
        {
            await foreach (var segment in subscription.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                Interlocked.Increment(ref _segments);
                Interlocked.Add(ref _bytes, segment.Data.Length);
                Interlocked.Exchange(ref _lastSegmentAt, time.GetTimestamp());
                _sink?.Send(segment);
            }
        }
        finally
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            counters.Close(StreamResource.HubSubscriptions);
            lock (_lock)
            {
                if (generation == _generation && _connected)
                {
                    _connected = false;
                    _goneSince = time.GetTimestamp();
                }
            }
        }
    }
}
