using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Transcoding;

namespace MyPlugin.Tests;

/// <summary>The conformance kit's transcoder facts.</summary>
public sealed class MyPluginTranscoderTests : TranscoderConformanceTests
{
    protected override ITranscoder CreateTranscoder() => new MyPluginTranscoder();

    /// <summary>A pass-through needs no real media; a real transcoder returns a short MPEG-TS segment here.</summary>
    protected override MediaSegment CreateSampleSegment() => new("conformance", 7, TimeSpan.FromSeconds(2), new byte[] { 0x47, 0x40, 0x00, 0x10 });

    [Fact]
    public async Task CountsThePixelsOfEachProfile()
    {
        var segment = CreateSampleSegment();

        var result = await CreateTranscoder().TranscodeAsync(new TranscodeJob(segment, SampleProfiles), CancellationToken.None);

        Assert.Equal(SampleProfiles.Select(p => p.EstimatePixels(segment.Duration)), result.Renditions.Select(r => r.Pixels));
        Assert.Equal(SampleProfiles.Select(p => p.Name), result.Renditions.Select(r => r.Segment.Rendition));
    }
}
