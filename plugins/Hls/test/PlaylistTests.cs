using System.Net;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Transcoding;

namespace Livepeer.Plugins.Hls.Tests;

/// <summary>Playlists and segments over real HTTP: window, target duration, media sequence, end, retention, current.m3u8.</summary>
public sealed class PlaylistTests
{
    private static readonly TranscodeProfile P240 = new("P240p30fps16x9", 426, 240, 600_000, 30);

    [Fact]
    public async Task Master_lists_the_source_and_renditions_that_have_segments()
    {
        await using var server = await HlsServer.StartAsync();
        var descriptor = new StreamDescriptor("movie", "test")
        {
            Tracks = [new TrackInfo(256, TrackKind.Video, "h264") { Width = 320, Height = 240 }, new TrackInfo(257, TrackKind.Audio, "aac")],
            Profiles = [P240],
        };
        await using var publication = await server.Hub.PublishAsync(descriptor, CancellationToken.None);
        await publication.WriteAsync(Segment("movie", 0, 2.0, 250_000), CancellationToken.None);

        var master = await server.WaitForPlaylistAsync("/stream/movie.m3u8", t => t.Contains("BANDWIDTH=1000000", StringComparison.Ordinal));
        Assert.Equal("#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=1000000,RESOLUTION=320x240\nmovie/source.m3u8\n", master);

        await publication.WriteAsync(Segment("movie", 0, 2.0, 100_000) with { Rendition = P240.Name }, CancellationToken.None);
        master = await server.WaitForPlaylistAsync("/stream/movie.m3u8", t => t.Contains(P240.Name, StringComparison.Ordinal));
        Assert.EndsWith("#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH=400000,RESOLUTION=426x240\nmovie/P240p30fps16x9.m3u8\n", master, StringComparison.Ordinal);
        var media = await server.GetStringAsync("/stream/movie/P240p30fps16x9.m3u8");
        Assert.Contains("P240p30fps16x9/0.ts", media, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Playlists_are_404_until_the_first_segment()
    {
        await using var server = await HlsServer.StartAsync();
        await using var publication = await server.Hub.PublishAsync(new StreamDescriptor("early", "test"), CancellationToken.None);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/stream/early.m3u8")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/stream/early/source.m3u8")).StatusCode);

        await publication.WriteAsync(Segment("early", 0, 2.0, 1000), CancellationToken.None);
        var master = await server.WaitForPlaylistAsync("/stream/early.m3u8", t => t.Contains("early/source.m3u8", StringComparison.Ordinal));
        Assert.StartsWith("#EXTM3U", master, StringComparison.Ordinal);
        Assert.Contains("source/0.ts", await server.GetStringAsync("/stream/early/source.m3u8"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Media_playlist_slides_with_target_duration_and_media_sequence()
    {
        await using var server = await HlsServer.StartAsync(new() { ["WindowSize"] = "3", ["RetainedSegments"] = "4" });
        await using var publication = await server.Hub.PublishAsync(new StreamDescriptor("slide", "test"), CancellationToken.None);
        double[] durations = [2.0, 2.0, 2.4, 1.9, 2.0];
        for (var i = 0; i < durations.Length; i++)
        {
            await publication.WriteAsync(Segment("slide", i, durations[i], 1000 + i), CancellationToken.None);
        }

        var playlist = await server.WaitForPlaylistAsync("/stream/slide/source.m3u8", t => t.Contains("source/4.ts", StringComparison.Ordinal));
        Assert.Equal(
            "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:3\n#EXT-X-MEDIA-SEQUENCE:2\n" +
            "#EXTINF:2.400,\nsource/2.ts\n#EXTINF:1.900,\nsource/3.ts\n#EXTINF:2.000,\nsource/4.ts\n",
            playlist);

        // RFC 8216 §6.2.2: a segment that just left the playlist is still served for a while; older ones are gone.
        using (var recent = await server.Client.GetAsync("/stream/slide/source/1.ts"))
        {
            Assert.Equal(HttpStatusCode.OK, recent.StatusCode);
            Assert.Equal("video/mp2t", recent.Content.Headers.ContentType?.MediaType);
            Assert.Equal(1001, (await recent.Content.ReadAsByteArrayAsync()).Length);
        }

        using var gone = await server.Client.GetAsync("/stream/slide/source/0.ts");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task Ended_stream_gets_endlist_and_is_freed_after_the_retention()
    {
        var time = new ManualTimeProvider();
        await using var server = await HlsServer.StartAsync(new() { ["EndedRetention"] = "30" }, time);
        var publication = await server.Hub.PublishAsync(new StreamDescriptor("ending", "test"), CancellationToken.None);
        await publication.WriteAsync(Segment("ending", 0, 2.0, 500), CancellationToken.None);
        await publication.WriteAsync(Segment("ending", 1, 2.0, 500), CancellationToken.None);
        await publication.DisposeAsync();

        var playlist = await server.WaitForPlaylistAsync("/stream/ending/source.m3u8", t => t.EndsWith("#EXT-X-ENDLIST\n", StringComparison.Ordinal));
        Assert.Contains("source/1.ts", playlist, StringComparison.Ordinal);

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/stream/ending.m3u8")).StatusCode);
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/stream/ending.m3u8")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/stream/ending/source/1.ts")).StatusCode);
    }

    [Fact]
    public async Task Current_manifest_is_the_most_recent_stream_when_enabled()
    {
        await using (var off = await HlsServer.StartAsync())
        {
            await using var only = await off.Hub.PublishAsync(new StreamDescriptor("only", "test"), CancellationToken.None);
            Assert.Equal(HttpStatusCode.NotFound, (await off.Client.GetAsync("/stream/current.m3u8")).StatusCode);
        }

        await using var server = await HlsServer.StartAsync(new() { ["CurrentManifest"] = "true" });
        await using var first = await server.Hub.PublishAsync(new StreamDescriptor("first", "test"), CancellationToken.None);
        await using var second = await server.Hub.PublishAsync(new StreamDescriptor("second", "test"), CancellationToken.None);
        await first.WriteAsync(Segment("first", 0, 2.0, 10), CancellationToken.None);
        await second.WriteAsync(Segment("second", 0, 2.0, 10), CancellationToken.None);
        var current = await server.WaitForPlaylistAsync("/stream/current.m3u8", _ => true);
        Assert.Contains("second/source.m3u8", current, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Memory_per_stream_is_bounded()
    {
        await using var server = await HlsServer.StartAsync(new() { ["MaxBytesPerStream"] = "2500" });
        await using var publication = await server.Hub.PublishAsync(new StreamDescriptor("big", "test"), CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            await publication.WriteAsync(Segment("big", i, 2.0, 1000), CancellationToken.None);
        }

        var playlist = await server.WaitForPlaylistAsync("/stream/big/source.m3u8", t => t.Contains("source/5.ts", StringComparison.Ordinal));
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:4\n", playlist, StringComparison.Ordinal);
        Assert.Equal(2, playlist.Split('\n').Count(l => l.StartsWith("#EXTINF", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Lost_segments_are_marked_as_a_discontinuity()
    {
        await using var server = await HlsServer.StartAsync();
        await using var publication = await server.Hub.PublishAsync(new StreamDescriptor("gap", "test"), CancellationToken.None);
        await publication.WriteAsync(Segment("gap", 0, 2.0, 10), CancellationToken.None);
        await publication.WriteAsync(Segment("gap", 3, 2.0, 10), CancellationToken.None);
        var playlist = await server.WaitForPlaylistAsync("/stream/gap/source.m3u8", t => t.Contains("source/1.ts", StringComparison.Ordinal));
        Assert.Contains("#EXT-X-DISCONTINUITY\n#EXTINF:2.000,\nsource/1.ts\n", playlist, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/stream/nobody.m3u8")]
    [InlineData("/stream/live/P720p.m3u8")]
    [InlineData("/stream/live/source/99.ts")]
    [InlineData("/stream/live/source/-1.ts")]
    [InlineData("/stream/live/source/x.ts")]
    [InlineData("/stream/live/source/0.exe")]
    [InlineData("/stream/live.txt")]
    [InlineData("/stream/.m3u8")]
    [InlineData("/stream/")]
    [InlineData("/stream/live//source.m3u8")]
    [InlineData("/stream/live/source/0.ts/extra")]
    [InlineData("/stream/%00.m3u8")]
    [InlineData("/stream/live/source/99999999999999999999999.ts")]
    public async Task Unknown_and_garbage_paths_are_not_found(string path)
    {
        await using var server = await HlsServer.StartAsync();
        await using var publication = await server.Hub.PublishAsync(new StreamDescriptor("live", "test"), CancellationToken.None);
        await publication.WriteAsync(Segment("live", 0, 2.0, 10), CancellationToken.None);
        await server.WaitForPlaylistAsync("/stream/live.m3u8", _ => true);
        using var response = await server.Client.GetAsync(path);
        Assert.InRange((int)response.StatusCode, 400, 499);
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/stream/live.m3u8"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
    }

    [Fact]
    public async Task Garbage_path_fuzz_never_gets_a_server_error()
    {
        await using var server = await HlsServer.StartAsync();
        await using var publication = await server.Hub.PublishAsync(new StreamDescriptor("fz", "test"), CancellationToken.None);
        await publication.WriteAsync(Segment("fz", 0, 2.0, 10), CancellationToken.None);
        var random = new Random(42);
        const string alphabet = "abz019./%_-~:@!$&'()*+,;=m3u8ts";
        for (var i = 0; i < 300; i++)
        {
            var length = random.Next(0, 40);
            var path = "/stream/" + new string([.. Enumerable.Range(0, length).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            if (!Uri.TryCreate(server.BaseUri, path, out var uri))
            {
                continue;
            }

            using var response = await server.Client.GetAsync(uri);
            Assert.True((int)response.StatusCode < 500, $"{path} got {(int)response.StatusCode}");
        }
    }

    private static MediaSegment Segment(string stream, long sequence, double seconds, int bytes) =>
        new(stream, sequence, TimeSpan.FromSeconds(seconds), new byte[bytes]);
}
