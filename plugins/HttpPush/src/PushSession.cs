using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.HttpPush;

/// <summary>
/// One pushed stream: its publication in the hub, the next hub sequence number and the idle timer that ends it.
/// Pushes are written one at a time, in arrival order.
/// </summary>
internal sealed class PushSession : IAsyncDisposable
{
    private readonly SemaphoreSlim _write = new(1, 1);
    private readonly IStreamPublication _publication;
    private readonly TimeSpan _idleTimeout;
    private readonly ITimer _idle;
    private IReadOnlyList<TrackInfo> _tracks = [];
    private TimeSpan _position;
    private long _next;
    private int _inFlight;
    private bool _closed;

    public PushSession(IStreamPublication publication, TimeProvider time, TimeSpan idleTimeout, Action<PushSession> onIdle)
    {
        _publication = publication;
        _idleTimeout = idleTimeout;
        _idle = time.CreateTimer(_ => OnIdle(onIdle), null, idleTimeout, Timeout.InfiniteTimeSpan);
    }

    public string StreamId => _publication.Descriptor.StreamId;

    /// <summary>Keeps the stream alive while a request for it is being received.</summary>
    public void Touch()
    {
        Interlocked.Increment(ref _inFlight);
        _idle.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Ends what <see cref="Touch"/> began, re-arming the idle timer.</summary>
    public void Release()
    {
        Interlocked.Decrement(ref _inFlight);
        _idle.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
    }

    /// <summary>Publishes one segment; false when the session has already ended (the caller starts a new one).</summary>
    public async Task<bool> WriteAsync(ReadOnlyMemory<byte> data, PushRequest request, IReadOnlyList<TrackInfo> tracks, CancellationToken cancellationToken)
    {
        await _write.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return false;
            }

            if (!_tracks.SequenceEqual(tracks))
            {
                _tracks = tracks;
                _publication.Update(_publication.Descriptor with { Tracks = tracks });
            }

            var segment = new MediaSegment(StreamId, _next, request.Duration, data)
            {
                ContentType = request.ContentType,
                StartTime = _position,
            };
            await _publication.WriteAsync(segment, cancellationToken).ConfigureAwait(false);
            _next++;
            _position += request.Duration;
            return true;
        }
        finally
        {
            _write.Release();
        }
    }

    /// <summary>Ends the stream: the hub completes its subscriptions.</summary>
    public async ValueTask DisposeAsync()
    {
        await _write.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
            await _idle.DisposeAsync().ConfigureAwait(false);
            await _publication.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _write.Release();
        }
    }

    private void OnIdle(Action<PushSession> onIdle)
    {
        // Upstream refreshes its watchdog during long uploads; a request in flight keeps the stream.
        if (Volatile.Read(ref _inFlight) > 0)
        {
            _idle.Change(_idleTimeout, Timeout.InfiniteTimeSpan);
            return;
        }

        onIdle(this);
    }
}
