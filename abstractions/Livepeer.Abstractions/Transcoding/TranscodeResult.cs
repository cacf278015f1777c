using Livepeer.Abstractions.Media;

namespace Livepeer.Abstractions.Transcoding;

/// <summary>One transcoded rendition of a segment.</summary>
/// <param name="Profile">The profile it was made for.</param>
/// <param name="Segment">The output segment.</param>
/// <param name="Pixels">Pixels encoded; what payment is based on.</param>
public sealed record Rendition(TranscodeProfile Profile, MediaSegment Segment, long Pixels);

/// <summary>The renditions of one transcoded segment, in the order of the job's profiles.</summary>
/// <param name="Renditions">The renditions.</param>
public sealed record TranscodeResult(IReadOnlyList<Rendition> Renditions)
{
    /// <summary>Total pixels encoded across renditions.</summary>
    public long Pixels => Renditions.Sum(r => r.Pixels);
}
