using Livepeer.Abstractions.Media;

namespace Livepeer.Abstractions.Transcoding;

/// <summary>A segment to transcode into one rendition per profile.</summary>
/// <param name="Segment">The source segment.</param>
/// <param name="Profiles">The renditions wanted, in order.</param>
public sealed record TranscodeJob(MediaSegment Segment, IReadOnlyList<TranscodeProfile> Profiles);
