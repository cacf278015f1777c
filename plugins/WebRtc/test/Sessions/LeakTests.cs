namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>Leak accounting: many sessions opened and closed leave no session, viewer slot, stream or peer behind.</summary>
public sealed class LeakTests
{
    [Fact]
    public async Task ManySessionsOpenAndCloseCleanly()
    {
        var stack = new FakeStack();
        await using var server = await WebRtcServer.StartAsync(stack, new() { ["MaxViewersPerStream"] = "0", ["AudioGatherTimeout"] = "50ms" });
        for (var i = 0; i < 40; i++)
        {
            using var whip = await server.Client.PostAsync($"/whip/s{i % 4}", Offers.Sdp(Offers.VideoAndAudio));
            var peer = stack.Publishers.Last();
            peer.Send(Abstractions.Media.TrackKind.Video, FakeStack.Rtp(0, 0));
            for (var p = 1; p <= FakeStack.PacketsPerSegment; p++)
            {
                peer.Send(Abstractions.Media.TrackKind.Video, FakeStack.Rtp((ushort)p, (uint)(p * 3000)));
            }

            await WebRtcServer.EventuallyAsync(() => server.Hub.ActiveStreams.Any(s => s.StreamId == $"s{i % 4}"), "the stream");
            using var whep = await server.Client.PostAsync($"/whep/s{i % 4}", Offers.Sdp(Offers.VideoAndAudio));
            Assert.Equal(System.Net.HttpStatusCode.Created, whep.StatusCode);
            if (i % 2 == 0)
            {
                using var d1 = await server.Client.DeleteAsync(whep.Headers.Location);
                using var d2 = await server.Client.DeleteAsync(whip.Headers.Location);
            }
            else
            {
                peer.Close(); // the publisher goes away: its viewers wait for a new output, then are ended by DELETE
                using var d1 = await server.Client.DeleteAsync(whep.Headers.Location);
            }
        }

        await WebRtcServer.EventuallyAsync(() => server.Sessions.Count == 0, "all sessions closed");
        Assert.Equal(80, server.Sessions.Opened);
        Assert.Equal(80, server.Sessions.Closed);
        Assert.Equal(0, server.Sessions.ViewerReservations);
        Assert.Empty(server.Hub.ActiveStreams);
        Assert.All(stack.Publishers, p => Assert.True(p.Disposed));
        Assert.All(stack.Viewers, p => Assert.True(p.Disposed));
    }
}
