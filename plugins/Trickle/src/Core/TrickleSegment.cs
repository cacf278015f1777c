namespace Livepeer.Plugins.Trickle.Core;

/// <summary>One numbered segment of a channel: its sequence number and its bytes.</summary>
internal sealed class TrickleSegment
{
    public TrickleSegment(long sequence, long maxBytes)
    {
        Sequence = sequence;
        Buffer = new SegmentBuffer(maxBytes);
    }

    /// <summary>The segment's sequence number.</summary>
    public long Sequence { get; }

    /// <summary>The segment's bytes.</summary>
    public SegmentBuffer Buffer { get; }

    /// <summary>Upstream's <c>isFresh</c>: nothing written and not closed (an idle pre-connect or pre-created slot).</summary>
    public bool IsFresh => !Buffer.IsClosed && Buffer.Length == 0;
}
