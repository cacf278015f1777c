using Livepeer.Abstractions.Transcoding;
using Xunit;

namespace Livepeer.Abstractions.Tests.Transcoding;

public sealed class TranscodeProfilesTests
{
    [Fact]
    public void DefaultOptionsParseToUpstreamsDefaultLadder()
    {
        var profiles = TranscodeProfiles.ParseList(TranscodeProfiles.DefaultOptions);

        Assert.Equal([TranscodeProfiles.P240p30fps16x9, TranscodeProfiles.P360p30fps16x9], profiles);
        Assert.Equal((426, 240, 600_000, 30), (profiles[0].Width, profiles[0].Height, profiles[0].Bitrate, profiles[0].Framerate));
    }

    [Fact]
    public void ListKeepsOrderAndToleratesSpacesAndEmptyEntries()
    {
        var profiles = TranscodeProfiles.ParseList(" P720p60fps16x9 ,,P144p25fps16x9,P720p60fps16x9 ");
        Assert.Equal(["P720p60fps16x9", "P144p25fps16x9", "P720p60fps16x9"], profiles.Select(p => p.Name));
        Assert.Empty(TranscodeProfiles.ParseList(""));
    }

    [Fact]
    public void UnknownNameThrowsListingTheKnownOnes()
    {
        var exception = Assert.Throws<FormatException>(() => TranscodeProfiles.ParseList("P240p30fps16x9,P9000p"));

        Assert.Contains("'P9000p'", exception.Message, StringComparison.Ordinal);
        Assert.All(TranscodeProfiles.ByName.Keys, name => Assert.Contains(name, exception.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void NamesAreCaseSensitiveAsUpstreams() =>
        Assert.Throws<FormatException>(() => TranscodeProfiles.ParseList("p240p30fps16x9"));

    [Fact]
    public void ByNameHoldsEveryPresetUnderItsOwnName()
    {
        Assert.Equal(14, TranscodeProfiles.ByName.Count);
        Assert.All(TranscodeProfiles.ByName, pair => Assert.Equal(pair.Key, pair.Value.Name));
    }

    [Fact]
    public void PixelEstimateRoundsFramerateAndDurationUp()
    {
        Assert.Equal(426L * 240 * 30 * 2, TranscodeProfiles.P240p30fps16x9.EstimatePixels(TimeSpan.FromSeconds(2)));
        Assert.Equal(426L * 240 * 30 * 3, TranscodeProfiles.P240p30fps16x9.EstimatePixels(TimeSpan.FromSeconds(2.1)));
        var ntsc = TranscodeProfiles.P240p30fps16x9 with { Framerate = 30000, FramerateDenominator = 1001 };
        Assert.Equal(426L * 240 * 30 * 1, ntsc.EstimatePixels(TimeSpan.FromSeconds(1)));
        var keepSource = TranscodeProfiles.P240p30fps16x9 with { Framerate = 0 };
        Assert.Equal(426L * 240 * 60 * 1, keepSource.EstimatePixels(TimeSpan.FromSeconds(1)));
    }
}
