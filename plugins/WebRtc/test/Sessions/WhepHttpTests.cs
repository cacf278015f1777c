using System.Net;
using Livepeer.Abstractions.Media;
using Livepeer.Testing;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>WHEP's HTTP contract: waiting for the output, tracks from the PMT, the viewer limit, DELETE, swaps.</summary>
public sealed class WhepHttpTests
{
    private static async Task<IStreamPublication> PublishAsync(WebRtcServer server, string stream, int segments = 1)
    {
        var publication = await server.Hub.PublishAsync(new StreamDescriptor(stream, "rtmp"), CancellationToken.None);
        for (var i = 0; i < segments; i++)
        {
            await publication.WriteAsync(new MediaSegment(stream, i, TimeSpan.FromSeconds(2), FfmpegSegments.All[i % 3]), CancellationToken.None);
        }

        return publication;
    }

    [Theory]
    [InlineData("/whep/cam")]
    [InlineData("/live/video-to-video/cam/whep")]
    [InlineData("/live/video-to-video/cam-out/whep")]
    [InlineData("/live/video-to-video/cam-0123abcd-out/whep")]
    [InlineData("/process/stream/cam/whep")] // the BYOC gateway's whep_url
    public async Task PlaysAStreamThatHasOutput(string path)
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack);
        await using var publication = await PublishAsync(server, "cam");
        await WebRtcServer.EventuallyAsync(() => server.Services.GetService(typeof(Livepeer.Plugins.WebRtc.Sessions.StreamOutputs)) is Livepeer.Plugins.WebRtc.Sessions.StreamOutputs o && o.Latest("cam") is not null, "the output cache");

        using var response = await server.Client.PostAsync(path, Offers.Sdp(Offers.VideoAndAudio));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Matches("/[0-9a-f]{16}$", response.Headers.Location!.ToString());
        var viewer = Assert.Single(stack.Viewers);
        Assert.True(viewer.SendsVideo);
        Assert.False(viewer.SendsAudio); // the fixture's audio is AAC: WebRTC cannot carry it
        await WebRtcServer.EventuallyAsync(() => viewer.Sent.Any(f => f.Packet.Kind == TrackKind.Video), "video frames");
        Assert.True(viewer.Sent.First().Keyframe); // the cached newest segment starts with its IDR
    }

    [Fact]
    public async Task WaitsForTheOutputThenAnswers()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack);
        var post = server.Client.PostAsync("/whep/late", Offers.Sdp(Offers.VideoAndAudio));
        await Task.Delay(300);
        Assert.False(post.IsCompleted);
        await using var publication = await PublishAsync(server, "late");
        using var response = await post;
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    [Fact]
    public async Task NoOutputWithinTheTimeoutIs404()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack(), new() { ["WhepOutputTimeout"] = "200ms" });
        using var response = await server.Client.PostAsync("/whep/none", Offers.Sdp(Offers.VideoAndAudio));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(0, server.Sessions.ViewerReservations);
    }

    [Fact]
    public async Task ViewerLimitIs429AndDeleteFreesTheSlot()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack, new() { ["MaxViewersPerStream"] = "2" });
        await using var publication = await PublishAsync(server, "cam");
        using var first = await server.Client.PostAsync("/whep/cam", Offers.Sdp(Offers.VideoAndAudio));
        using var second = await server.Client.PostAsync("/whep/cam", Offers.Sdp(Offers.VideoAndAudio));
        using var third = await server.Client.PostAsync("/whep/cam", Offers.Sdp(Offers.VideoAndAudio));
        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);

        using var deleted = await server.Client.DeleteAsync(first.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        using var fourth = await server.Client.PostAsync("/whep/cam", Offers.Sdp(Offers.VideoAndAudio));
        Assert.Equal(HttpStatusCode.Created, fourth.StatusCode);
    }

    [Fact]
    public async Task UnlimitedViewersWithZero()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack(), new() { ["MaxViewersPerStream"] = "0" });
        await using var publication = await PublishAsync(server, "cam");
        for (var i = 0; i < 8; i++)
        {
            using var response = await server.Client.PostAsync("/whep/cam", Offers.Sdp(Offers.VideoAndAudio));
            Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        }
    }

    [Fact]
    public async Task WrongContentTypeIs415AndBadOfferIs400()
    {
        await using var server = await WebRtcServer.StartAsync(new FakeStack());
        await using var publication = await PublishAsync(server, "cam");
        using var wrong = await server.Client.PostAsync("/whep/cam", Offers.Sdp(Offers.VideoAndAudio, "text/plain"));
        using var bad = await server.Client.PostAsync("/whep/cam", Offers.Sdp(Offers.AudioOnly));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(0, server.Sessions.ViewerReservations);
    }

    [Fact]
    public async Task ARepublishedStreamKeepsTheViewerOnTheSamePeer()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack);
        var first = await PublishAsync(server, "cam");
        using var response = await server.Client.PostAsync("/whep/cam", Offers.Sdp(Offers.VideoAndAudio));
        var viewer = Assert.Single(stack.Viewers);
        await WebRtcServer.EventuallyAsync(() => !viewer.Sent.IsEmpty, "frames");
        await first.DisposeAsync();
        await Task.Delay(100);
        Assert.Equal(1, server.Sessions.Count);

        var before = viewer.Sent.Count;
        await using var second = await PublishAsync(server, "cam", segments: 2);
        await WebRtcServer.EventuallyAsync(() => viewer.Sent.Count > before, "frames of the new output");
        Assert.Equal(1, viewer.NewSources);
        Assert.False(viewer.Disposed);
        Assert.Single(stack.Viewers);
    }
}
