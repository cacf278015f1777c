using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Livepeer.EndToEnd.Tests;

/// <summary>
/// The WebRtc plugin's section of the node's <c>GET /status</c> (CLI port) on the real node with the shipped plugins:
/// werift publishes over WHIP and plays over WHEP; the section shows the WHIP session's per-track packets, loss,
/// jitter, bit rate and last input time, and the stream's viewer.
/// </summary>
public sealed class WebRtcStatusTests
{
    [WeriftFact]
    public async Task Status_shows_whip_track_counters_and_whep_viewers()
    {
        using var dir = new TemporaryDirectory();
        var node = await NodeProcess.StartAsync(dir.Combine("data"), Path.Combine(AppContext.BaseDirectory, "shipped-plugins"), ["-gateway"]);
        await using (node)
        {
            using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var publish = WeriftClient.RunAsync("whip", new Uri(node.Http!, "/whip/cam"), 12, cancellationToken: stop.Token);
            var play = WeriftClient.RunAsync("whep", new Uri(node.Http!, "/whep/cam"), 6, cancellationToken: stop.Token);
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };

            // Both sessions live and media counted: the publisher's video and audio, one viewer of "cam".
            JsonElement section = default;
            var clock = Stopwatch.StartNew();
            while (true)
            {
                using (var status = await http.GetFromJsonAsync<JsonDocument>(new Uri(node.Cli, "/status"), stop.Token))
                {
                    section = status!.RootElement.GetProperty("sections").GetProperty("webrtc").Clone();
                }

                var whip = Sessions(section, "whip").FirstOrDefault();
                if (whip.ValueKind == JsonValueKind.Object && whip.GetProperty("tracks").TryGetProperty("video", out var v) && v.GetProperty("packets").GetInt64() > 100
                    && section.GetProperty("viewers").TryGetProperty("cam", out var viewers) && viewers.GetInt32() == 1)
                {
                    break;
                }

                Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "no WHIP media and WHEP viewer in /status after 30 s: " + section);
                Assert.False(publish.IsFaulted || play.IsFaulted, "a werift client failed: " + (publish.Exception ?? play.Exception));
                await Task.Delay(250, stop.Token);
            }

            var ingest = Sessions(section, "whip").Single();
            Assert.Equal("cam", ingest.GetProperty("stream").GetString());
            Assert.Equal("publishing", ingest.GetProperty("state").GetString());
            foreach (var kind in new[] { "video", "audio" })
            {
                var track = ingest.GetProperty("tracks").GetProperty(kind);
                Assert.True(track.GetProperty("packets").GetInt64() > 0, kind);
                Assert.True(track.GetProperty("packetsLost").GetInt64() >= 0, kind);
                Assert.InRange(track.GetProperty("jitterSeconds").GetDouble(), 0, 0.5);
                Assert.True(track.GetProperty("bitsPerSecond").GetInt64() > 0, kind + " bit rate");
                Assert.InRange(DateTimeOffset.UtcNow - track.GetProperty("lastInputAt").GetDateTimeOffset(), TimeSpan.FromSeconds(-1), TimeSpan.FromSeconds(5));
            }

            var viewer = Sessions(section, "whep").Single();
            Assert.Equal("cam", viewer.GetProperty("stream").GetString());
            Assert.Equal(2, section.GetProperty("open").GetInt32()); // the publisher and the viewer

            var played = await play;
            Assert.True(played.GetProperty("received").GetProperty("frames").GetInt32() > 30, played.ToString());
            var published = await publish;
            Assert.Equal(200, published.GetProperty("deleted").GetInt32());
            Assert.Equal(0, await node.StopAsync());
        }
    }

    private static IEnumerable<JsonElement> Sessions(JsonElement section, string kind) =>
        section.GetProperty("sessions").EnumerateArray().Where(s => s.GetProperty("kind").GetString() == kind);
}
