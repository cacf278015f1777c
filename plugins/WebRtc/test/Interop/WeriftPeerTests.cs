using System.Globalization;
using System.Text.Json;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Tests.Sessions;
using Livepeer.Testing;
using Xunit.Abstractions;

namespace Livepeer.Plugins.WebRtc.Tests.Interop;

/// <summary>
/// werift, a second WebRTC stack independent of ours and of Chromium's, against the plugin's own stack (no fakes):
/// as WHIP publisher (with packets lost on the way: our NACKs get them resent) the hub receives valid H.264 + Opus
/// MPEG-TS; as WHEP player it depacketizes whole frames that ffmpeg decodes, and gets sender reports and a keyframe
/// soon after its PLI.
/// </summary>
[Collection(WeriftCollection.Name)]
public sealed class WeriftPeerTests(ITestOutputHelper output)
{
    [WeriftFact]
    public async Task WeriftPublishesOverWhipAndLostPacketsAreNackedBack()
    {
        await using var server = await WebRtcServer.StartAsync(stack: null);
        var segments = new List<MediaSegment>();
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var collect = CollectAsync(server, "cam", segments, stop.Token);

        // 6 s of ffmpeg's test pattern; the first send of every 40th video packet is lost.
        var result = await WeriftClient.RunAsync("whip", new Uri(server.BaseUri, "/whip/cam"), 6, "40", stop.Token);
        output.WriteLine(result.ToString());
        await WebRtcServer.EventuallyAsync(() => server.Sessions.Count == 0, "the WHIP session to end after DELETE");
        await stop.CancelAsync();
        await collect;

        Assert.Equal("connected", result.GetProperty("state").GetString());
        Assert.Equal(200, result.GetProperty("deleted").GetInt32());
        var feedback = result.GetProperty("feedback");
        Assert.True(feedback.GetProperty("dropped").GetInt32() >= 5, "packets were dropped");
        Assert.True(feedback.GetProperty("nack").GetInt32() >= 1, "we NACK lost packets (RFC 4585 §6.2.1)");
        // every hole is NACKed and filled, but for a last packet that had no successor to reveal it
        Assert.InRange(feedback.GetProperty("resent").GetInt32(), feedback.GetProperty("dropped").GetInt32() - 1, feedback.GetProperty("dropped").GetInt32());
        Assert.True(feedback.GetProperty("pli").GetInt32() >= 1, "we ask for a keyframe at the start (PLI)");
        Assert.True(feedback.GetProperty("receiverReports").GetInt32() >= 3, "receiver reports about every second");
        Assert.True(feedback.GetProperty("audioReceiverReports").GetInt32() >= 3, "the audio source is reported too");
        var rtt = result.GetProperty("rttSeconds");
        Assert.True(rtt.ValueKind == JsonValueKind.Number && rtt.GetDouble() is >= 0 and < 1, $"werift derives a round-trip time from our LSR/DLSR: {rtt}");

        Assert.True(segments.Count >= 3, $"{segments.Count} segments");
        var total = 0;
        foreach (var segment in segments)
        {
            var (video, audio, frames, errors) = await ProbeAsync(segment.Data.ToArray(), ".ts");
            Assert.Equal("h264", video);
            Assert.Equal("opus", audio);
            Assert.True(errors.Length == 0, $"segment {segment.Sequence} decodes with errors: {errors}");
            total += frames;
        }

        Assert.True(total >= 150, $"{total} of 180 frames arrived"); // the first GOP may go before the first IDR is seen
    }

    [WeriftFact]
    public async Task WeriftPlaysOverWhepDecodesFramesAndGetsSenderReports()
    {
        await using var server = await WebRtcServer.StartAsync(stack: null);
        var live = OpusOutput.Segments;
        await using var publication = await server.Hub.PublishAsync(new StreamDescriptor("show", "rtmp"), CancellationToken.None);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var feed = FeedAsync(publication, live, stop.Token);

        var file = Path.Combine(Path.GetTempPath(), $"werift-whep-{Guid.NewGuid():N}.h264");
        try
        {
            var result = await WeriftClient.RunAsync("whep", new Uri(server.BaseUri, "/whep/show"), 6, file, stop.Token);
            output.WriteLine(result.ToString());
            await stop.CancelAsync();
            await feed;

            Assert.Equal("connected", result.GetProperty("state").GetString());
            Assert.Equal(200, result.GetProperty("deleted").GetInt32());
            var received = result.GetProperty("received");
            Assert.True(received.GetProperty("frames").GetInt32() >= 120, "about 30 frames a second for 6 s");
            Assert.Equal(0, received.GetProperty("brokenFrames").GetInt32());
            Assert.True(received.GetProperty("keyframes").GetInt32() >= 4, "one IDR per 1 s segment");
            Assert.True(received.GetProperty("audio").GetInt32() >= 200, "Opus, 50 packets a second");
            var afterPli = result.GetProperty("keyframeAfterPliMs");
            Assert.True(afterPli.ValueKind == JsonValueKind.Number && afterPli.GetInt32() < 2500, $"a keyframe with the next 1 s segment after the PLI: {afterPli}");

            foreach (var kind in new[] { "video", "audio" })
            {
                var reports = result.GetProperty("senderReports").GetProperty(kind).EnumerateArray().ToList();
                Assert.True(reports.Count >= 3, $"{kind}: {reports.Count} sender reports in 6 s");
                Assert.All(reports, r =>
                {
                    Assert.InRange(r.GetProperty("ntpSkewMs").GetInt32(), -1000, 1000);
                    Assert.InRange(r.GetProperty("rtpSkewMs").GetInt32(), -300, 300);
                    // what was sent by the report's time: what had arrived, give or take the packets crossing it
                    Assert.InRange(r.GetProperty("packetCount").GetInt64(), r.GetProperty("received").GetInt64() - 10, r.GetProperty("received").GetInt64() + 50);
                    Assert.True(r.GetProperty("octetCount").GetInt64() > 0);
                });
            }

            var (video, _, frames, errors) = await ProbeAsync(await File.ReadAllBytesAsync(file), ".h264");
            Assert.Equal("h264", video);
            Assert.True(errors.Length == 0, "the depacketized stream decodes without errors: " + errors);
            Assert.Equal(received.GetProperty("frames").GetInt32(), frames);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static async Task CollectAsync(WebRtcServer server, string stream, List<MediaSegment> segments, CancellationToken cancellationToken)
    {
        try
        {
            while (!server.Hub.ActiveStreams.Any(s => s.StreamId == stream))
            {
                await Task.Delay(20, cancellationToken);
            }

            await using var subscription = server.Hub.Subscribe(stream)!;
            await foreach (var segment in subscription.ReadAllAsync(cancellationToken))
            {
                segments.Add(segment);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    // The output in real time: one 1 s segment a second, as a pipeline's output arrives.
    private static async Task FeedAsync(IStreamPublication publication, IReadOnlyList<byte[]> segments, CancellationToken cancellationToken)
    {
        try
        {
            for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
            {
                await publication.WriteAsync(new MediaSegment("show", i, TimeSpan.FromSeconds(1), segments[i % segments.Count]), cancellationToken);
                await Task.Delay(1000, cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Codecs by ffprobe, frames decoded and decode errors by ffmpeg.</summary>
    private static async Task<(string? Video, string? Audio, int Frames, string Errors)> ProbeAsync(byte[] data, string extension)
    {
        var file = Path.Combine(Path.GetTempPath(), $"werift-{Guid.NewGuid():N}{extension}");
        await File.WriteAllBytesAsync(file, data);
        try
        {
            var probe = await FfmpegSegments.RunAsync("ffprobe", $"-v error -show_streams -count_frames -of json \"{file}\"");
            using var json = JsonDocument.Parse(probe);
            var streams = json.RootElement.GetProperty("streams").EnumerateArray().ToList();
            string? Codec(string type) => streams.FirstOrDefault(s => s.GetProperty("codec_type").GetString() == type) is { ValueKind: JsonValueKind.Object } s
                ? s.GetProperty("codec_name").GetString() : null;
            var video = streams.First(s => s.GetProperty("codec_type").GetString() == "video");
            var frames = int.Parse(video.GetProperty("nb_read_frames").GetString()!, CultureInfo.InvariantCulture);
            string errors;
            try
            {
                // -xerror: the first decode error fails the run (and its message is the error output)
                await FfmpegSegments.RunAsync("ffmpeg", $"-v error -xerror -i \"{file}\" -f null -");
                errors = "";
            }
            catch (InvalidOperationException e)
            {
                errors = e.Message;
            }

            return (Codec("video"), Codec("audio"), frames, errors);
        }
        finally
        {
            File.Delete(file);
        }
    }
}
