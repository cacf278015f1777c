using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Core;

namespace Livepeer.Plugins.Trickle.InProcess;

/// <summary>
/// Reads a channel's segments in order in process (upstream <c>TrickleLocalSubscriber</c>). The start is
/// resolved when opened (-1 next write, -2 last written); a reader that fell behind the ring skips to the
/// oldest segment held; a closed or deleted channel ends it.
/// </summary>
internal sealed class InProcessSubscriber : ISegmentSubscriber
{
    private readonly TrickleChannel _channel;
    private readonly TrickleCounters _counters;
    private long _next;
    private bool _disposed;

    public InProcessSubscriber(TrickleChannel channel, long startSequence, TrickleCounters counters)
    {
        _channel = channel;
        _counters = counters;
        var head = channel.NextWrite;
        _next = startSequence switch
        {
            SegmentChannelInfo.NextSegment => head,
            SegmentChannelInfo.CurrentSegment => head > 0 ? head - 1 : 0,
            _ => startSequence,
        };
    }

    public string ChannelName => _channel.Name;

    public async ValueTask<IChannelSegment?> NextSegmentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var changed = _channel.Changed;
            var lookup = _channel.GetForRead(_next);
            if (lookup.Segment is { } segment)
            {
                // Wait until the segment starts (first byte) or ends (an empty segment, or a close).
                await segment.Buffer.WaitAsync(0, cancellationToken).ConfigureAwait(false);
                if (segment.Buffer.Length == 0 && _channel.IsClosed)
                {
                    return null;
                }

                _next = segment.Sequence + 1;
                _counters.ReaderOpened();
                return new InProcessSegment(segment.Sequence, segment.Buffer.OpenReader(_counters.ReaderClosed));
            }

            if (lookup.Closed)
            {
                return null;
            }

            if (_next < lookup.Latest)
            {
                // Fell behind the ring (or onto a gap): the oldest segment still held, else the write head.
                _next = _channel.OldestHeld() is { } oldest && oldest > _next ? oldest : lookup.Latest;
                continue;
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }
}
