namespace Livepeer.Abstractions.Media;

/// <summary>
/// One segment of a stream: in this node almost always a keyframe-aligned MPEG-TS segment that starts
/// with PAT/PMT and an IDR frame, so it can be decoded on its own.
/// </summary>
/// <param name="StreamId">The stream (manifest id) the segment belongs to.</param>
/// <param name="Sequence">Position in the stream, from 0, without gaps.</param>
/// <param name="Duration">Media duration of the segment.</param>
/// <param name="Data">The segment bytes.</param>
public sealed record MediaSegment(string StreamId, long Sequence, TimeSpan Duration, ReadOnlyMemory<byte> Data)
{
    /// <summary>MIME type of <see cref="MediaSegment.Data"/>.</summary>
    public string ContentType { get; init; } = MediaContentTypes.MpegTs;

    /// <summary>The rendition: <see cref="StreamDescriptor.SourceRendition"/> or a transcode profile name.</summary>
    public string Rendition { get; init; } = StreamDescriptor.SourceRendition;

    /// <summary>Presentation time of the first frame from the start of the stream, when known.</summary>
    public TimeSpan? StartTime { get; init; }
}
