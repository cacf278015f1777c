using System.Text;
using Livepeer.Abstractions.Transcoding;

namespace Livepeer.Conformance.Tests.Transcoding;

/// <summary>Reference transcoder: each rendition is a tiny marker naming its profile; pixels are the profile's estimate.</summary>
public sealed class MarkerTranscoder : ITranscoder
{
    public string Name => "marker";

    public ValueTask<TranscodeResult> TranscodeAsync(TranscodeJob job, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var renditions = job.Profiles
            .Select(p => new Rendition(
                p,
                job.Segment with { Data = Encoding.UTF8.GetBytes($"{p.Name}:{job.Segment.Sequence}"), Rendition = p.Name },
                p.EstimatePixels(job.Segment.Duration)))
            .ToList();
        return ValueTask.FromResult(new TranscodeResult(renditions));
    }
}
