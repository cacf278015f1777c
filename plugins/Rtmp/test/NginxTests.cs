using Livepeer.Abstractions.Egress;
using Livepeer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>
/// Real peer for the push-out client: ffmpeg publishes into the plugin, the <c>rtmp</c> egress pushes the stream to a
/// real nginx-rtmp (Debian <c>libnginx-mod-rtmp</c>), and ffmpeg/ffprobe read it back from nginx.
/// </summary>
public sealed class NginxTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task EgressPushesAStreamThatNginxRtmpRelaysToFfmpeg()
    {
        Assert.True(NginxRtmp.Unavailable is null, NginxRtmp.Unavailable);
        await using var nginx = await NginxRtmp.StartAsync();
        var hub = new RecordingHub();
        await using var server = await RtmpTestServer.StartAsync(hub);
        using var folder = new TemporaryDirectory("rtmp-nginx");

        var publisher = Ffmpeg.RunAsync("ffmpeg", FfmpegTests.Publish(server.Url("movie/key").ToString(), seconds: 12, realTime: true), Limit);
        await hub.WaitForStreamAsync("movie", Limit);

        // a player that waits at nginx for the publish (nginx-rtmp's idle streams), so it gets the stream from its start
        var played = folder.Combine("from-nginx.flv");
        var player = Ffmpeg.RunAsync("ffmpeg", ["-hide_banner", "-loglevel", "error", "-y", "-rw_timeout", "20000000", "-i", nginx.Url("relayed").ToString(), "-t", "5", "-c", "copy", "-f", "flv", played], Limit);

        var egress = server.Services.GetServices<IEgress>().Single(e => e.Name == RtmpPlugin.Name);
        Assert.True(egress.CanPush(nginx.Url("relayed")));
        var session = await egress.PushAsync(new EgressRequest("movie", nginx.Url("relayed")), CancellationToken.None);
        await using (session)
        {
            var (playCode, play) = await player;
            output.WriteLine(nginx.ErrorLog);
            Assert.True(playCode == 0, play);
            Assert.False(session.Completion.IsFaulted, session.Completion.Exception?.ToString());
        }

        var (publishCode, publish) = await publisher;
        Assert.True(publishCode == 0, publish);
        Assert.Contains("publish: name='relayed'", nginx.ErrorLog, StringComparison.Ordinal);

        var (probeCode, probe) = await Ffmpeg.RunAsync("ffprobe", ["-v", "error", "-show_entries", "stream=codec_name,width,height:format=duration", "-of", "csv=p=0", played], Limit);
        output.WriteLine(probe);
        Assert.True(probeCode == 0, probe);
        Assert.Contains("h264,320,240", probe, StringComparison.Ordinal);
        Assert.Contains("aac", probe, StringComparison.Ordinal);
        var duration = double.Parse(probe.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[^1], System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(duration, 3.5, 6.5);

        // every frame decodes
        var (decodeCode, decode) = await Ffmpeg.RunAsync("ffmpeg", ["-hide_banner", "-v", "error", "-xerror", "-i", played, "-f", "null", "-"], Limit);
        Assert.True(decodeCode == 0, decode);
    }
}
