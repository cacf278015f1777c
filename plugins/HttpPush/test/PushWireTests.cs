using Livepeer.Testing;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.HttpPush.Tests;

/// <summary>Curl-style pushes of real ffmpeg segments against a real Kestrel: the multipart answer, the hub, the idle end.</summary>
public sealed class PushWireTests
{
    private static readonly Dictionary<string, string> Multipart = new()
    {
        ["Accept"] = "multipart/mixed",
        ["Content-Duration"] = "2000",
        ["Content-Resolution"] = "320x240",
    };

    [Fact]
    public async Task Pushed_segments_reach_the_hub_and_come_back_as_multipart()
    {
        var time = new ManualTimeProvider();
        var hub = new InMemoryMediaStreamHub(4096);
        await using var server = await PushServer.StartAsync(hub, time: time);
        var segments = FfmpegSegments.All;

        using var first = await server.PushAsync("/live/movie/0.ts", segments[0], headers: Multipart);
        var subscription = hub.Subscribe("movie")!;
        var received = ReadAllAsync(subscription);
        for (var i = 1; i < segments.Count; i++)
        {
            using var response = await server.PushAsync($"/live/movie/{i}.ts", segments[i], i % 2 == 0 ? "POST" : "PUT", Multipart);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var parts = await ParseMultipartAsync(response);
            var part = Assert.Single(parts);
            Assert.Equal("video/mp2t", part.Headers["Content-Type"]);
            Assert.Equal(segments[i].Length.ToString(System.Globalization.CultureInfo.InvariantCulture), part.Headers["Content-Length"]);
            Assert.Equal($"attachment; filename=\"source_{i}.ts\"", part.Headers["Content-Disposition"]);
            Assert.Equal("source", part.Headers["Rendition-Name"]);
            Assert.Equal(segments[i], part.Body);
        }

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var stream = Assert.Single(hub.ActiveStreams);
        Assert.Equal("http-push", stream.Protocol);
        var video = Assert.Single(stream.Tracks, t => t.Kind == TrackKind.Video);
        Assert.Equal(("h264", 320, 240), (video.Codec, video.Width, video.Height));
        Assert.Contains(stream.Tracks, t => t.Kind == TrackKind.Audio && t.Codec == "aac");

        time.Advance(TimeSpan.FromSeconds(61)); // upstream httpPushTimeout
        var got = await received.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1L, 2L], got.Select(s => s.Sequence));
        Assert.All(got, s => Assert.Equal(TimeSpan.FromSeconds(2), s.Duration));
        Assert.Equal(segments[2], got[1].Data.ToArray());
        await WaitUntilAsync(() => hub.ActiveStreams.Count == 0);
    }

    [Fact]
    public async Task Multipart_part_is_a_segment_ffprobe_reads()
    {
        await using var server = await PushServer.StartAsync();
        using var response = await server.PushAsync("/live/probe/0.ts", FfmpegSegments.All[0], headers: Multipart);
        var part = Assert.Single(await ParseMultipartAsync(response));
        var file = Path.Combine(Path.GetTempPath(), $"httppush-{Guid.NewGuid():N}.ts");
        await File.WriteAllBytesAsync(file, part.Body);
        try
        {
            var json = await FfmpegSegments.RunAsync("ffprobe", $"-v error -show_entries stream=codec_name,width,height:format=duration -of json {file}");
            Assert.Contains("\"h264\"", json, StringComparison.Ordinal);
            Assert.Contains("\"width\": 320", json, StringComparison.Ordinal);
            Assert.Contains("\"aac\"", json, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Without_multipart_accept_the_answer_is_an_empty_200()
    {
        await using var server = await PushServer.StartAsync();
        using var response = await server.PushAsync("/live/plain/0.ts", SyntheticTs.Create(1, 0));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task A_stream_that_went_idle_starts_again_on_the_next_push()
    {
        var time = new ManualTimeProvider();
        var hub = new InMemoryMediaStreamHub(4096);
        await using var server = await PushServer.StartAsync(hub, time: time);
        (await server.PushAsync("/live/again/0.ts", SyntheticTs.Create(1, 0))).EnsureSuccessStatusCode();
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Single(hub.ActiveStreams);
        (await server.PushAsync("/live/again/1.ts", SyntheticTs.Create(1, 1))).EnsureSuccessStatusCode();
        time.Advance(TimeSpan.FromSeconds(59));
        Assert.Single(hub.ActiveStreams); // the second push re-armed the timer
        time.Advance(TimeSpan.FromSeconds(2));
        await WaitUntilAsync(() => hub.ActiveStreams.Count == 0);

        (await server.PushAsync("/live/again/2.ts", SyntheticTs.Create(1, 2))).EnsureSuccessStatusCode();
        Assert.Single(hub.ActiveStreams);
    }

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }

    private static async Task<List<MediaSegment>> ReadAllAsync(IStreamSubscription subscription)
    {
        var segments = new List<MediaSegment>();
        await foreach (var segment in subscription.ReadAllAsync(CancellationToken.None))
        {
            segments.Add(segment);
        }

        return segments;
    }

    // A small RFC 2046 multipart reader, independent of the product's writer.
    internal static async Task<List<(Dictionary<string, string> Headers, byte[] Body)>> ParseMultipartAsync(HttpResponseMessage response)
    {
        var type = response.Content.Headers.ContentType;
        Assert.Equal("multipart/mixed", type?.MediaType);
        var boundary = type!.Parameters.Single(p => p.Name == "boundary").Value!.Trim('"');
        var body = await response.Content.ReadAsByteArrayAsync();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var parts = new List<(Dictionary<string, string>, byte[])>();
        var position = IndexOf(body, delimiter, 0);
        Assert.Equal(0, position);
        while (true)
        {
            position += delimiter.Length;
            if (body.AsSpan(position).StartsWith("--"u8))
            {
                return parts;
            }

            position += 2; // CRLF
            var headerEnd = IndexOf(body, "\r\n\r\n"u8.ToArray(), position);
            var headers = Encoding.ASCII.GetString(body, position, headerEnd - position).Split("\r\n")
                .Select(l => l.Split(": ", 2)).ToDictionary(p => p[0], p => p[1], StringComparer.OrdinalIgnoreCase);
            var start = headerEnd + 4;
            var next = IndexOf(body, delimiter, start);
            parts.Add((headers, body[start..(next - 2)]));
            position = next;
        }
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int from)
    {
        var index = haystack.AsSpan(from).IndexOf(needle);
        Assert.True(index >= 0, "multipart delimiter missing");
        return from + index;
    }
}
