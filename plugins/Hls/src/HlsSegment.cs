namespace Livepeer.Plugins.Hls;

/// <summary>One segment held for players.</summary>
/// <param name="Sequence">The HLS media sequence number: contiguous per rendition, never reused.</param>
/// <param name="Duration">The media duration (the <c>EXTINF</c> value).</param>
/// <param name="Data">The segment bytes.</param>
/// <param name="ContentType">The MIME type served.</param>
/// <param name="Discontinuity">True when the media before it was lost (the hub dropped segments), RFC 8216 §4.3.2.3.</param>
internal sealed record HlsSegment(long Sequence, TimeSpan Duration, ReadOnlyMemory<byte> Data, string ContentType, bool Discontinuity)
{
    /// <summary>The file extension players see in the segment URI.</summary>
    public string Extension => ContentType.Contains("mp4", StringComparison.OrdinalIgnoreCase) ? ".mp4" : ".ts";
}
