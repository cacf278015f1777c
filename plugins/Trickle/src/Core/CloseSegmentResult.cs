namespace Livepeer.Plugins.Trickle.Core;

/// <summary>The outcome of closing one segment by sequence number.</summary>
internal enum CloseSegmentResult
{
    /// <summary>The segment was closed (or already was).</summary>
    Closed,

    /// <summary>The ring does not hold that sequence number.</summary>
    Nonexistent,
}
