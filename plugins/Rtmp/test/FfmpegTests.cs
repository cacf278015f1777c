using Livepeer.Abstractions;
using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>Real peers: ffmpeg publishes a live-encoded test stream into the plugin on Kestrel and plays it back.</summary>
public sealed class FfmpegTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task FfmpegPublishBecomesDecodableSegments()
    {
        var hub = new RecordingHub();
        await using var server = await RtmpTestServer.StartAsync(hub);

        // §9.1: /stream/<manifest>/<key>
        var (code, output) = await Ffmpeg.RunAsync("ffmpeg", Publish(server.Url("stream/movie/Secret/Key").ToString(), seconds: 5, realTime: false), Limit);
        Assert.True(code == 0, output);

        var segments = await hub.WaitForEndAsync("movie", Limit);
        var descriptor = hub.DescriptorOf("movie")!;
        Assert.Equal("rtmp", descriptor.Protocol);
        Assert.Equal("Secret/Key", descriptor.StreamKey);
        Assert.Contains(descriptor.Tracks, t => t is { Kind: TrackKind.Video, Codec: "h264", Width: 320, Height: 240 });
        Assert.Contains(descriptor.Tracks, t => t is { Kind: TrackKind.Audio, Codec: "aac", SampleRate: 44100 });
        Assert.InRange(segments.Count, 2, 3); // 5 s of 1 s GOPs in 2 s segments
        Assert.Equal(Enumerable.Range(0, segments.Count).Select(i => (long)i), segments.Select(s => s.Sequence));
        Assert.All(segments.Take(segments.Count - 1), s => Assert.InRange(s.Duration.TotalSeconds, 1.8, 2.2));

        using var folder = new Livepeer.Testing.TemporaryDirectory("rtmp-segments");
        foreach (var segment in segments)
        {
            var path = folder.Combine($"{segment.Sequence}.ts");
            await File.WriteAllBytesAsync(path, segment.Data.ToArray());
            var (probeCode, probe) = await Ffmpeg.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height", "-of", "csv=p=0", path], Limit);
            Assert.True(probeCode == 0, probe);
            Assert.Contains("h264,320,240", probe, StringComparison.Ordinal);
            Assert.Contains("aac", probe, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task FfmpegPlaysAStreamBackWithItsKeyOnly()
    {
        var hub = new RecordingHub();
        await using var server = await RtmpTestServer.StartAsync(hub);
        using var folder = new Livepeer.Testing.TemporaryDirectory("rtmp-play");
        var publisher = Ffmpeg.RunAsync("ffmpeg", Publish(server.Url("movie/key1").ToString(), seconds: 8, realTime: true), Limit);
        await hub.WaitForStreamAsync("movie", Limit);

        var (wrongCode, wrong) = await Ffmpeg.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-i", server.Url("movie/nope").ToString(), "-t", "1", "-f", "null", "-"], Limit);
        Assert.True(wrongCode != 0, wrong);
        Assert.True(server.Logs.Contains(4007, "wrong stream key"));

        var played = folder.Combine("played.flv");
        var (playCode, play) = await Ffmpeg.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-i", server.Url("movie/key1").ToString(), "-c", "copy", "-f", "flv", played], Limit);
        Assert.True(playCode == 0, play);
        var (publishCode, publishOutput) = await publisher;
        Assert.True(publishCode == 0, publishOutput);

        var (probeCode, probe) = await Ffmpeg.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height:format=duration", "-of", "csv=p=0", played], Limit);
        Assert.True(probeCode == 0, probe);
        Assert.Contains("h264,320,240", probe, StringComparison.Ordinal);
        Assert.Contains("aac", probe, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MaxSessionsRefusesTheNextPublisher()
    {
        var hub = new RecordingHub();
        var settings = new NodeSettings(NodeRoles.Gateway, "offchain", Path.GetTempPath()) { MaxSessions = 1 };
        await using var server = await RtmpTestServer.StartAsync(hub, settings);
        var first = Ffmpeg.RunAsync("ffmpeg", Publish(server.Url("first").ToString(), seconds: 4, realTime: true), Limit);
        await hub.WaitForStreamAsync("first", Limit);

        var (secondCode, second) = await Ffmpeg.RunAsync("ffmpeg", Publish(server.Url("second").ToString(), seconds: 1, realTime: false), Limit);
        Assert.True(secondCode != 0, second);
        Assert.True(server.Logs.Contains(4005, "limit of 1 sessions"));
        Assert.True((await first).ExitCode == 0);
        Assert.NotEmpty(await hub.WaitForEndAsync("first", Limit));
    }

    internal static string[] Publish(string url, int seconds, bool realTime) =>
    [
        "-hide_banner", "-loglevel", "error", .. realTime ? new[] { "-re" } : [],
        "-f", "lavfi", "-i", $"testsrc=size=320x240:rate=25:duration={seconds}",
        "-f", "lavfi", "-i", $"sine=frequency=440:sample_rate=44100:duration={seconds}",
        "-c:v", "libx264", "-preset", "ultrafast", "-tune", "zerolatency", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
        "-c:a", "aac", "-b:a", "64k", "-shortest", "-f", "flv", url,
    ];
}
