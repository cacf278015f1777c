using Livepeer.Testing;
using System.Globalization;
using System.Text.Json;
using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.Hls.Tests;

/// <summary>ffprobe, a real HLS client, reads the playlists and segments of a stream made of ffmpeg's 2-second segments.</summary>
public sealed class FfprobeTests
{
    [Fact]
    public async Task Ffprobe_reads_the_playlist_and_its_segments()
    {
        await using var server = await HlsServer.StartAsync();
        var descriptor = new StreamDescriptor("ff", "test") { Tracks = [new TrackInfo(256, TrackKind.Video, "h264") { Width = 320, Height = 240 }] };
        var publication = await server.Hub.PublishAsync(descriptor, CancellationToken.None);
        var segments = FfmpegSegments.All;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = new MediaSegment("ff", i, TimeSpan.FromSeconds(2), segments[i]) { StartTime = TimeSpan.FromSeconds(2 * i) };
            await publication.WriteAsync(segment, CancellationToken.None);
        }

        await publication.DisposeAsync();
        var media = await server.WaitForPlaylistAsync("/stream/ff/source.m3u8", t => t.Contains("#EXT-X-ENDLIST", StringComparison.Ordinal));
        Assert.Contains("#EXT-X-TARGETDURATION:2\n", media, StringComparison.Ordinal);
        Assert.Contains("#EXT-X-MEDIA-SEQUENCE:0\n", media, StringComparison.Ordinal);

        var master = new Uri(server.BaseUri, "/stream/ff.m3u8");
        using var streams = JsonDocument.Parse(await FfmpegSegments.RunAsync("ffprobe", $"-v error -show_entries stream=codec_name,codec_type,width,height:format=duration -of json {master}"));
        var video = streams.RootElement.GetProperty("streams").EnumerateArray().Single(s => s.GetProperty("codec_type").GetString() == "video");
        Assert.Equal("h264", video.GetProperty("codec_name").GetString());
        Assert.Equal(320, video.GetProperty("width").GetInt32());
        Assert.Equal(240, video.GetProperty("height").GetInt32());
        Assert.Contains(streams.RootElement.GetProperty("streams").EnumerateArray(), s => s.GetProperty("codec_name").GetString() == "aac");

        for (var i = 0; i < segments.Count; i++)
        {
            var url = new Uri(server.BaseUri, $"/stream/ff/source/{i}.ts");
            // Over plain HTTP (no ranges) ffprobe cannot read a TS's duration from its end; the video packets tell it.
            var frames = await VideoTimesAsync(url);
            var duration = frames[^1] - frames[0] + (1.0 / 30);
            Assert.InRange(duration, 1.8, 2.2); // ±10 % of the 2 s target
        }

        // Video timestamps run on across segment boundaries: no gap or step back larger than a frame or two.
        var times = await VideoTimesAsync(new Uri(server.BaseUri, "/stream/ff/source.m3u8"));
        Assert.InRange(times.Count, 170, 190); // 6 s at 30 fps
        for (var i = 1; i < times.Count; i++)
        {
            Assert.InRange(times[i] - times[i - 1], 0.001, 0.1);
        }

        Assert.InRange(times[^1] - times[0], 5.4, 6.6);
    }

    private static async Task<List<double>> VideoTimesAsync(Uri url)
    {
        var packets = await FfmpegSegments.RunAsync("ffprobe", $"-v error -select_streams v -show_entries packet=dts_time -of csv=p=0 {url}");
        return [.. packets.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(t => double.Parse(t.TrimEnd(','), CultureInfo.InvariantCulture))];
    }
}
