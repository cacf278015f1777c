namespace Livepeer.Plugins.Trickle.Core;

/// <summary>The answer to a subscriber's request for a sequence number (upstream's <c>getForRead</c>).</summary>
/// <param name="Sequence">The requested sequence after resolving -1 and -2.</param>
/// <param name="Segment">The segment, or <c>null</c> when the ring does not hold it.</param>
/// <param name="Latest">The channel's next write at the time of the request.</param>
/// <param name="Closed">Whether the channel is closed.</param>
internal readonly record struct ReadLookup(long Sequence, TrickleSegment? Segment, long Latest, bool Closed);
