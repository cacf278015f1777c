using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Core;

namespace Livepeer.Plugins.Trickle.InProcess;

/// <summary>One segment read in process; its content streams in as it is written.</summary>
internal sealed class InProcessSegment : IChannelSegment
{
    private readonly SegmentReader _reader;

    public InProcessSegment(long sequence, SegmentReader reader)
    {
        Sequence = sequence;
        _reader = reader;
    }

    public long Sequence { get; }

    public Stream Content => _reader;

    public ValueTask DisposeAsync() => _reader.DisposeAsync();
}
