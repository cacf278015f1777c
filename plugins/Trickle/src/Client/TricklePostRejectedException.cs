namespace Livepeer.Plugins.Trickle.Client;

/// <summary>A publish request ended (answered or failed) before its body could be written; the publisher may retry it.</summary>
internal sealed class TricklePostRejectedException : IOException
{
    public TricklePostRejectedException(long sequence)
        : base($"The publish of segment {sequence} ended before its body was sent.")
    {
    }
}
