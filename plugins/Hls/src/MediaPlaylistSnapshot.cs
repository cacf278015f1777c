namespace Livepeer.Plugins.Hls;

/// <summary>What a media playlist lists at one moment.</summary>
/// <param name="Segments">The segments in the window, oldest first.</param>
/// <param name="TargetDuration">EXT-X-TARGETDURATION in whole seconds.</param>
/// <param name="DiscontinuitySequence">Discontinuities before the first listed segment (RFC 8216 §4.3.3.3).</param>
/// <param name="Ended">True when no segment will be added (EXT-X-ENDLIST).</param>
internal sealed record MediaPlaylistSnapshot(IReadOnlyList<HlsSegment> Segments, int TargetDuration, long DiscontinuitySequence, bool Ended)
{
    /// <summary>EXT-X-MEDIA-SEQUENCE: the first listed segment's number (RFC 8216 §4.3.3.2), or the next one when none is listed.</summary>
    public long MediaSequence { get; init; }
}
