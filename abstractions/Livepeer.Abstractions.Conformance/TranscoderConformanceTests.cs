using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Transcoding;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>What every <see cref="ITranscoder"/> must do.</summary>
public abstract class TranscoderConformanceTests : ConformanceTestBase
{
    /// <summary>Creates the transcoder under test.</summary>
    protected abstract ITranscoder CreateTranscoder();

    /// <summary>A source segment the transcoder can decode (for a real transcoder: a short keyframe-aligned MPEG-TS segment).</summary>
    protected abstract MediaSegment CreateSampleSegment();

    /// <summary>Profiles the facts ask for; at least two, so that order is checked. Defaults to small presets.</summary>
    protected virtual IReadOnlyList<TranscodeProfile> SampleProfiles => [TranscodeProfiles.P240p30fps16x9, TranscodeProfiles.P144p30fps16x9];

    /// <summary>The transcoder has a name to be configured by.</summary>
    [Fact]
    public void NameIsNotEmpty() => Assert.False(string.IsNullOrWhiteSpace(CreateTranscoder().Name));

    /// <summary>One rendition per profile, in profile order, each made for its profile and belonging to the source segment.</summary>
    [Fact]
    public async Task ReturnsOneRenditionPerProfileInOrder()
    {
        var profiles = SampleProfiles;
        await AssertRenditionsFollow(profiles);
    }

    /// <summary>Order follows the job, not some order of the transcoder's own.</summary>
    [Fact]
    public async Task FollowsReversedProfileOrder()
    {
        var profiles = SampleProfiles.Reverse().ToList();
        await AssertRenditionsFollow(profiles);
    }

    /// <summary>No profiles, no renditions, and no error.</summary>
    [Fact]
    public async Task EmptyProfileListGivesEmptyResult()
    {
        var result = await Within(CreateTranscoder().TranscodeAsync(new TranscodeJob(CreateSampleSegment(), []), CancellationToken.None));

        Assert.Empty(result.Renditions);
        Assert.Equal(0, result.Pixels);
    }

    /// <summary>An already-cancelled token makes the call throw <see cref="OperationCanceledException"/>.</summary>
    [Fact]
    public async Task CancelledTokenThrows()
    {
        var job = new TranscodeJob(CreateSampleSegment(), SampleProfiles);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Within(CreateTranscoder().TranscodeAsync(job, CancelledToken)));
    }

    private async Task AssertRenditionsFollow(IReadOnlyList<TranscodeProfile> profiles)
    {
        var source = CreateSampleSegment();

        var result = await Within(CreateTranscoder().TranscodeAsync(new TranscodeJob(source, profiles), CancellationToken.None));

        Assert.Equal(profiles.Count, result.Renditions.Count);
        for (var i = 0; i < profiles.Count; i++)
        {
            var rendition = result.Renditions[i];
            Assert.Equal(profiles[i], rendition.Profile);
            Assert.True(rendition.Pixels >= 0, $"Rendition {i} reports {rendition.Pixels} pixels.");
            Assert.False(rendition.Segment.Data.IsEmpty, $"Rendition {i} ({profiles[i].Name}) is empty.");
            Assert.Equal(source.StreamId, rendition.Segment.StreamId);
            Assert.Equal(source.Sequence, rendition.Segment.Sequence);
        }

        Assert.Equal(result.Renditions.Sum(r => r.Pixels), result.Pixels);
    }
}
