using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Transcoding;
using Xunit;

namespace Livepeer.Conformance.Tests.Transcoding;

public sealed class MarkerTranscoderConformanceTests : TranscoderConformanceTests
{
    protected override ITranscoder CreateTranscoder() => new MarkerTranscoder();

    protected override MediaSegment CreateSampleSegment() => new("conformance", 7, TimeSpan.FromSeconds(2), new byte[] { 0x47, 0x40, 0x00 });
}

/// <summary>The kit catches a transcoder that orders renditions its own way.</summary>
public sealed class BrokenTranscoderTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task KitCatchesSortedRenditions(bool ascending)
    {
        // Whatever fixed order a transcoder imposes, one of the two order facts sees it.
        var kit = new Kit(ascending);
        var inOrder = await Record.ExceptionAsync(kit.ReturnsOneRenditionPerProfileInOrder);
        var reversed = await Record.ExceptionAsync(kit.FollowsReversedProfileOrder);

        Assert.True(inOrder is not null || reversed is not null, "A sorting transcoder passed both order facts.");
    }

    private sealed class Kit(bool ascending) : TranscoderConformanceTests
    {
        protected override ITranscoder CreateTranscoder() => new SortingTranscoder(ascending);

        protected override MediaSegment CreateSampleSegment() => new("conformance", 0, TimeSpan.FromSeconds(2), new byte[] { 1 });
    }

    private sealed class SortingTranscoder(bool ascending) : ITranscoder
    {
        public string Name => "sorting";

        public async ValueTask<TranscodeResult> TranscodeAsync(TranscodeJob job, CancellationToken cancellationToken)
        {
            var result = await new MarkerTranscoder().TranscodeAsync(job, cancellationToken);
            var sorted = ascending ? result.Renditions.OrderBy(r => r.Profile.Height) : result.Renditions.OrderByDescending(r => r.Profile.Height);
            return new TranscodeResult([.. sorted]);
        }
    }
}
