using System.Net;
using System.Text.Json;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Whip;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>A WHIP session's life: connect timeout, track gathering as upstream, peer loss, statistics.</summary>
public sealed class WhipSessionTests
{
    private static readonly Dictionary<string, string?> Short = new()
    {
        ["VideoGatherTimeout"] = "300ms",
        ["AudioGatherTimeout"] = "100ms",
        ["ConnectTimeout"] = "1s",
    };

    [Fact]
    public async Task NoVideoWithinTheGatherTimeoutEndsTheSession()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack, Short);
        using var created = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        var peer = Assert.Single(stack.Publishers);
        peer.Send(TrackKind.Audio, FakeStack.Rtp(1, 960));

        await WebRtcServer.EventuallyAsync(() => server.Sessions.Count == 0, "the session to end");
        Assert.Empty(server.Hub.ActiveStreams);
        Assert.True(peer.Disposed);
        Assert.Null(peer.SegmenterWithAudio);
    }

    [Fact]
    public async Task AudioThatDoesNotFollowVideoIsLeftOut()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack, Short);
        using var created = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        var peer = Assert.Single(stack.Publishers);
        peer.Send(TrackKind.Video, FakeStack.Rtp(1, 3000));

        await WebRtcServer.EventuallyAsync(() => peer.SegmenterWithAudio is not null, "the segmenter");
        Assert.False(peer.SegmenterWithAudio);
        Assert.Equal(1, server.Sessions.Count);
    }

    [Fact]
    public async Task APeerThatNeverConnectsIsDropped()
    {
        var stack = new FakeStack { ConnectAtOnce = false };
        await using var server = await WebRtcServer.StartAsync(stack, Short);
        using var created = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await WebRtcServer.EventuallyAsync(() => server.Sessions.Count == 0, "the session to time out");
        Assert.Empty(server.Hub.ActiveStreams);
    }

    [Fact]
    public async Task ThePeerLeavingEndsThePublication()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack, Short);
        using var created = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        var peer = Assert.Single(stack.Publishers);
        peer.Send(TrackKind.Video, FakeStack.Rtp(1, 3000));
        peer.Send(TrackKind.Audio, FakeStack.Rtp(1, 960));
        await WebRtcServer.EventuallyAsync(() => peer.SegmenterWithAudio is not null, "the segmenter");
        peer.Close();
        await WebRtcServer.EventuallyAsync(() => server.Sessions.Count == 0, "the session to end");
        Assert.Empty(server.Hub.ActiveStreams);
    }

    [Fact]
    public async Task StatusReportsPacketsLossJitterAndLastInput()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack, Short);
        using var created = await server.Client.PostAsync("/whip/cam", Offers.Sdp(Offers.VideoAndAudio));
        var peer = Assert.Single(stack.Publishers);
        for (var i = 0; i < 30; i++)
        {
            if (i % 10 != 5)
            {
                peer.Send(TrackKind.Video, FakeStack.Rtp((ushort)(65520 + i), (uint)(i * 3000)));
            }
        }

        var session = (WhipSession)Assert.Single(server.Sessions.All);
        await WebRtcServer.EventuallyAsync(() => session.Status().Tracks!["video"].Packets == 27, "27 packets counted");
        var video = session.Status().Tracks!["video"];
        Assert.Equal(3, video.PacketsLost);
        Assert.NotNull(video.LastInputAt);
        Assert.Equal(27 * 112, video.Bytes);

        using var json = JsonDocument.Parse(await server.Client.GetStringAsync("/webrtc/status/cam"));
        var ingest = json.RootElement.GetProperty("ingest")[0];
        Assert.Equal("whip", ingest.GetProperty("kind").GetString());
        Assert.Equal(27, ingest.GetProperty("tracks").GetProperty("video").GetProperty("packets").GetInt64());
        Assert.Equal(3, ingest.GetProperty("tracks").GetProperty("video").GetProperty("packetsLost").GetInt64());
    }
}
