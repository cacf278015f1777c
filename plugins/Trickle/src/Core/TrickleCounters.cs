namespace Livepeer.Plugins.Trickle.Core;

/// <summary>
/// Live resource counts, so tests (and diagnostics) can prove that everything taken is given back:
/// channels, segments held in rings, open readers and requests in flight.
/// </summary>
internal sealed class TrickleCounters
{
    private long _channels;
    private long _segments;
    private long _readers;
    private long _requests;
    private long _keepAlives;

    public long Channels => Interlocked.Read(ref _channels);

    public long Segments => Interlocked.Read(ref _segments);

    public long Readers => Interlocked.Read(ref _readers);

    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>First-byte keep-alive ticks of idle publishes so far (never decreases).</summary>
    public long KeepAlives => Interlocked.Read(ref _keepAlives);

    public void ChannelAdded() => Interlocked.Increment(ref _channels);

    public void ChannelRemoved() => Interlocked.Decrement(ref _channels);

    public void SegmentsAdded(long count = 1) => Interlocked.Add(ref _segments, count);

    public void SegmentsRemoved(long count = 1) => Interlocked.Add(ref _segments, -count);

    public void ReaderOpened() => Interlocked.Increment(ref _readers);

    public void ReaderClosed() => Interlocked.Decrement(ref _readers);

    public void RequestStarted() => Interlocked.Increment(ref _requests);

    public void RequestEnded() => Interlocked.Decrement(ref _requests);

    public void KeepAliveSent() => Interlocked.Increment(ref _keepAlives);
}
