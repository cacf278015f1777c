using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.Rtmp.Server;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>Protocols §9.1 stream naming (app + "/" + stream name as ffmpeg and OBS split the URL).</summary>
public sealed class StreamNamingTests
{
    [Theory]
    [InlineData("movie/", "movie", "")] // rtmp://host/movie
    [InlineData("stream/movie", "movie", "")] // rtmp://host/stream/movie
    [InlineData("movie/Secret/Stream/Key", "movie", "Secret/Stream/Key")]
    [InlineData("stream/movie/key", "movie", "key")]
    [InlineData("live/abc", "abc", "")] // the live/ prefix is dropped
    [InlineData("live/movie/key.flv", "movie", "key")] // and the extension
    [InlineData(" //stream/movie/k?token=1", "movie", "k")]
    [InlineData("/", "", "")]
    public void ParsesAsUpstream(string path, string manifest, string key)
    {
        Assert.Equal((manifest, key), StreamNaming.Parse(path));
    }

    [Fact]
    public void RandomIdsHaveUpstreamLengths()
    {
        var random = new SeededRandomSource(1);
        Assert.Matches("^[0-9a-f]{8}$", StreamNaming.RandomManifestId(random));
        Assert.Matches("^[0-9a-f]{12}$", StreamNaming.RandomStreamKey(random));
    }
}
