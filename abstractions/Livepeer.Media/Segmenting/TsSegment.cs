namespace Livepeer.Media.Segmenting;

/// <summary>
/// One keyframe-aligned MPEG-TS segment: starts with PAT/PMT and (with video) an IDR access unit, so it decodes on its
/// own. Plugins map it to <c>Livepeer.Abstractions.Media.MediaSegment</c>.
/// </summary>
/// <param name="Data">The MPEG-TS bytes (owned by the segment).</param>
/// <param name="Sequence">Position in the stream, from 0, without gaps.</param>
/// <param name="StartPts">Timestamp (90 kHz, as given to the segmenter) of the first video DTS, or audio PTS when audio-only.</param>
/// <param name="Duration">Media duration: up to the next segment's start, estimated from the frame rate for the last one.</param>
/// <param name="StartsWithKeyframe">Whether the first video frame is an IDR (false only for a stream that starts without one, which the segmenter drops).</param>
public sealed record TsSegment(ReadOnlyMemory<byte> Data, long Sequence, long StartPts, TimeSpan Duration, bool StartsWithKeyframe)
{
    /// <summary><see cref="StartPts"/> as a time span.</summary>
    public TimeSpan StartTime => TimeSpan.FromTicks(StartPts * TimeSpan.TicksPerSecond / 90_000);
}
