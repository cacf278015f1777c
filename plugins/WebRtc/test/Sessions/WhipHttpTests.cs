using System.Net;
using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>WHIP's HTTP contract (RFC 9725 §4.2, upstream's routes and headers) against the session layer.</summary>
public sealed class WhipHttpTests
{
    [Theory]
    [InlineData("/whip/cam")]
    [InlineData("/live/video-to-video/cam/whip")]
    [InlineData("/process/stream/cam/whip")] // the BYOC gateway's whip_url
    public async Task PostAnswersWith201AndTheResourceHeaders(string path)
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack, new() { ["IceServers"] = "stun:stun.example.org:3478" });
        using var response = await server.Client.PostAsync(path, Offers.Sdp(Offers.VideoAndAudio));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("application/sdp", response.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("v=0", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var location = response.Headers.Location!;
        Assert.Matches($"^http://127.0.0.1:\\d+{path}/[0-9a-f]{{16}}$", location.ToString());
        Assert.Matches("^W/\"[0-9a-f]{16}\"$", response.Headers.ETag!.ToString());
        Assert.Equal("<stun:stun.example.org:3478>; rel=\"ice-server\"", Assert.Single(response.Headers.GetValues("Link")));
        Assert.Equal("Location, ETag, Link, Livepeer-Playback-URL", Assert.Single(response.Headers.GetValues("Access-Control-Expose-Headers")));
        Assert.Equal("*", Assert.Single(response.Headers.GetValues("Access-Control-Allow-Origin")));
        var playback = Assert.Single(response.Headers.GetValues("Livepeer-Playback-URL"));
        Assert.EndsWith(path.StartsWith("/live", StringComparison.Ordinal) ? "/live/video-to-video/cam/whep" : path.StartsWith("/process", StringComparison.Ordinal) ? "/process/stream/cam/whep" : "/whep/cam", playback, StringComparison.Ordinal);
        Assert.Equal("cam", Assert.Single(response.Headers.GetValues("X-Stream-Id")));

        var stream = Assert.Single(server.Hub.ActiveStreams);
        Assert.Equal(("cam", "whip"), (stream.StreamId, stream.Protocol));
        Assert.Equal(1, server.Sessions.Count);
    }

    [Fact]
    public async Task DeleteEndsTheSessionAndThePublication()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack);
        using var created = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        using var deleted = await server.Client.DeleteAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        Assert.Empty(server.Hub.ActiveStreams);
        Assert.Equal(0, server.Sessions.Count);
        Assert.True(Assert.Single(stack.Publishers).Disposed);
        using var again = await server.Client.DeleteAsync(created.Headers.Location);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/json")]
    [InlineData("application/sdpx")]
    public async Task WrongContentTypeIs415(string contentType)
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        using var response = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio, contentType));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Empty(server.Hub.ActiveStreams);
    }

    [Fact]
    public async Task OfferWithoutH264Is400()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        using var response = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.AudioOnly));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("H.264", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(server.Hub.ActiveStreams);
        Assert.Equal(0, server.Sessions.Opened);
    }

    [Fact]
    public async Task SecondPublisherOfAStreamIs409()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack);
        using var first = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        using var second = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(2, stack.Publishers.Count);
        Assert.True(stack.Publishers.Last().Disposed);
    }

    [Fact]
    public async Task HeadIs405OptionsIs204PatchIs405()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        using var head = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/live/video-to-video/cam/whip"));
        using var options = await server.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "/live/video-to-video/cam/whip"));
        using var patch = await server.Client.PatchAsync("/whip/cam/0123456789abcdef", Offers.Sdp("a=candidate:1", "application/trickle-ice-sdpfrag"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, head.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, options.StatusCode);
        Assert.Contains("POST", Assert.Single(options.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, patch.StatusCode);
    }

    [Fact]
    public async Task ThePluginsOwnStackAnswersAndRefuses()
    {
        await using var server = await WebRtcServer.StartAsync(stack: null);
        using var answered = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        using var refused = await server.Client.PostAsync("/whip/other", Offers.Sdp(Offers.AudioOnly));
        Assert.Equal(HttpStatusCode.Created, answered.StatusCode);
        Assert.Contains("a=ice-lite", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        using var deleted = await server.Client.DeleteAsync(answered.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
    }

    [Fact]
    public async Task PublishedSegmentsReachTheHubLikeRtmps()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack);
        using var created = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        await using var subscription = server.Hub.Subscribe("cam")!;
        var peer = Assert.Single(stack.Publishers);
        for (var i = 0; i < FakeStack.PacketsPerSegment * 2; i++)
        {
            peer.Send(TrackKind.Video, FakeStack.Rtp((ushort)i, (uint)(i * 3000)));
            peer.Send(TrackKind.Audio, FakeStack.Rtp((ushort)i, (uint)(i * 960)));
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var segments = new List<MediaSegment>();
        await foreach (var segment in subscription.ReadAllAsync(timeout.Token))
        {
            segments.Add(segment);
            if (segments.Count == 2)
            {
                break;
            }
        }

        Assert.Equal([0L, 1L], segments.Select(s => s.Sequence));
        Assert.All(segments, s => Assert.Equal("cam", s.StreamId));
        Assert.True(peer.SegmenterWithAudio);
        Assert.Equal("h264", Assert.Single(server.Hub.ActiveStreams[0].Tracks).Codec);
    }
}
