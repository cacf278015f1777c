using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Livepeer.EndToEnd.Tests;

/// <summary>
/// The README's example on the real node with every shipped plugin: ffmpeg publishes a live test pattern over RTMP,
/// ffprobe reads the stream back as HLS from the gateway HTTP port.
/// </summary>
public sealed class RtmpToHlsTests
{
    [Fact]
    public async Task Ffmpeg_publishes_over_rtmp_and_ffprobe_reads_the_hls_playlist()
    {
        using var dir = new TemporaryDirectory();
        var node = await NodeProcess.StartAsync(dir.Combine("data"), Path.Combine(AppContext.BaseDirectory, "shipped-plugins"), ["-gateway"]);
        await using (node)
        {
            Assert.True(node.Rtmp is not null, "no rtmp listener in the banner:\n" + node.StandardOutput);
            var publish = RunAsync("ffmpeg",
                "-hide_banner -loglevel error -re -f lavfi -i testsrc=size=320x240:rate=30:duration=9 -f lavfi -i sine=frequency=440:duration=9 " +
                "-c:v libx264 -preset ultrafast -tune zerolatency -g 60 -keyint_min 60 -pix_fmt yuv420p -c:a aac -b:a 64k -shortest " +
                $"-f flv {node.Rtmp}movie/secret");

            // the master playlist appears once the first 2 s segment is complete
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var master = new Uri(node.Http!, "/stream/movie.m3u8");
            var clock = Stopwatch.StartNew();
            while (!(await http.GetAsync(master)).IsSuccessStatusCode)
            {
                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "no HLS playlist after 30 s:\n" + node.StandardOutput + node.StandardError);
                Assert.False(publish.IsCompleted && (await publish).ExitCode != 0, (await publish).Output);
                await Task.Delay(200);
            }

            var (probeCode, probe) = await RunAsync("ffprobe", $"-v error -show_entries stream=codec_name,width,height -of json {master}");
            Assert.True(probeCode == 0, probe);
            using var streams = JsonDocument.Parse(probe);
            var codecs = streams.RootElement.GetProperty("streams").EnumerateArray().ToList();
            Assert.Contains(codecs, s => s.GetProperty("codec_name").GetString() == "h264" && s.GetProperty("width").GetInt32() == 320 && s.GetProperty("height").GetInt32() == 240);
            Assert.Contains(codecs, s => s.GetProperty("codec_name").GetString() == "aac");

            var (publishCode, publishOutput) = await publish;
            Assert.True(publishCode == 0, publishOutput);
            var media = await http.GetStringAsync(new Uri(node.Http!, "/stream/movie/source.m3u8"));
            Assert.Contains("#EXT-X-TARGETDURATION:2", media, StringComparison.Ordinal);
            var durations = media.Split('\n').Where(l => l.StartsWith("#EXTINF:", StringComparison.Ordinal))
                .Select(l => double.Parse(l["#EXTINF:".Length..].TrimEnd(','), CultureInfo.InvariantCulture)).ToList();
            Assert.True(durations.Count >= 3, media);
            Assert.All(durations.SkipLast(1), d => Assert.InRange(d, 1.8, 2.2));
            Assert.Equal(0, await node.StopAsync());
        }
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { RedirectStandardOutput = true, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(40));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
        }

        return (process.HasExited ? process.ExitCode : -1, await output + await error);
    }
}
