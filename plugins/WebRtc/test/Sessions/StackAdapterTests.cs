using System.Collections.Concurrent;
using System.Net;
using System.Threading.Channels;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Ice;
using Livepeer.Plugins.WebRtc.Rtp.Rtcp;
using Livepeer.Plugins.WebRtc.Sessions;
using Livepeer.Plugins.WebRtc.Sessions.Stack;
using Livepeer.Plugins.WebRtc.Transport;
using Livepeer.Testing;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>
/// The session layer's adapter over the SDP, transport and media layers (<see cref="WebRtcStack"/>), with a transport
/// that records instead of touching the network: offers answered with the transport's credentials, RTP classified by
/// payload type, the output's MPEG-TS turned into paced-able RTP.
/// </summary>
public sealed class StackAdapterTests
{
    [Fact]
    public void WhipAnswerCarriesTheTransportsCredentialsAndCandidate()
    {
        var factory = new RecordingFactory();
        var stack = new WebRtcStack(factory, TimeProvider.System);
        var peer = stack.AcceptPublisher(Offers.VideoAndAudio);
        var transport = Assert.Single(factory.Created);

        Assert.Equal("abcd", transport.Remote.Ice.Ufrag);
        Assert.Contains($"a=ice-ufrag:{transport.LocalIce.Ufrag}", peer.AnswerSdp, StringComparison.Ordinal);
        Assert.Contains($"a=ice-pwd:{transport.LocalIce.Password}", peer.AnswerSdp, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1 40000 typ host", peer.AnswerSdp, StringComparison.Ordinal);
        Assert.Contains("a=recvonly", peer.AnswerSdp, StringComparison.Ordinal);
        Assert.True(peer.HasAudio);
    }

    [Fact]
    public void ConfiguredCandidateAddressesAreAnnouncedOnTheTransportsPort()
    {
        var factory = new RecordingFactory();
        var stack = new WebRtcStack(factory, TimeProvider.System, [IPAddress.Parse("203.0.113.7"), IPAddress.Parse("198.51.100.9")]);
        var answer = stack.AcceptPublisher(Offers.VideoAndAudio).AnswerSdp;
        Assert.Contains("203.0.113.7 40000 typ host", answer, StringComparison.Ordinal);
        Assert.Contains("198.51.100.9 40000 typ host", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("127.0.0.1 40000", answer, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Offers.AudioOnly)]
    [InlineData("v=0\r\nnonsense")]
    public void UnusableOffersAreRejectedAndTheirTransportClosed(string offer)
    {
        var factory = new RecordingFactory();
        var stack = new WebRtcStack(factory, TimeProvider.System);
        Assert.Throws<OfferRejectedException>(() => stack.AcceptPublisher(offer));
        Assert.All(factory.Created, t => Assert.True(t.Disposed));
    }

    [Fact]
    public async Task WhipPeerClassifiesRtpByPayloadTypeAndAsksForAKeyframe()
    {
        var factory = new RecordingFactory();
        var peer = new WebRtcStack(factory, TimeProvider.System).AcceptPublisher(Offers.VideoAndAudio);
        var transport = Assert.Single(factory.Created);
        var video = FakeStack.Rtp(1, 3000);
        var audio = FakeStack.Rtp(1, 960);
        audio[1] = 111;
        var unknown = FakeStack.Rtp(2, 960);
        unknown[1] = 99;
        transport.Deliver(new WebRtcPacket(false, video));
        transport.Deliver(new WebRtcPacket(true, new byte[] { 0x81, 201, 0, 1, 0, 0, 0, 1 }));
        transport.Deliver(new WebRtcPacket(false, unknown));
        transport.Deliver(new WebRtcPacket(false, audio));

        // The video source is known: a PLI for it goes out from the peer's timer, in a compound led by an RR.
        await WebRtcServer.EventuallyAsync(() => transport.RtcpSent.Any(), "RTCP from the WHIP peer");
        var compound = RtcpCompound.Parse(transport.RtcpSent.First());
        Assert.IsType<RtcpReceiverReport>(compound[0]);
        Assert.Equal(0x1234u, Assert.Single(compound.OfType<RtcpPictureLossIndication>()).MediaSsrc);
        Assert.Equal(1, peer.Feedback.KeyframeRequests);
        Assert.Equal(1, peer.ReceiveStatus(TrackKind.Video)!.Packets);
        Assert.Equal(1, peer.ReceiveStatus(TrackKind.Audio)!.Packets);
        transport.Close();

        var received = new List<ReceivedRtp>();
        await foreach (var packet in peer.Media.ReadAllAsync())
        {
            received.Add(packet);
        }

        Assert.Equal([TrackKind.Video, TrackKind.Audio], received.Select(r => r.Kind));
        await peer.DisposeAsync();
    }

    [Fact]
    public async Task WhepPeerPacketizesTheOutputsH264()
    {
        var factory = new RecordingFactory();
        var offer = Offers.VideoAndAudio.Replace("a=sendonly", "a=recvonly", StringComparison.Ordinal);
        var peer = new WebRtcStack(factory, TimeProvider.System).AcceptViewer(offer, streamHasVideo: true, streamHasAudio: false);
        Assert.True(peer.SendsVideo);
        Assert.False(peer.SendsAudio);
        Assert.Contains("a=sendonly", peer.AnswerSdp, StringComparison.Ordinal);

        var packets = peer.Packetize(FfmpegSegments.All[0]);
        Assert.NotEmpty(packets);
        Assert.All(packets, p => Assert.Equal(TrackKind.Video, p.Kind));
        Assert.All(packets, p => Assert.InRange(p.Packet.Length, 13, 1300));
        Assert.Equal(60, packets.Count(p => p.StartsFrame)); // 2 s at 30 fps
        await peer.SendAsync(packets[0], CancellationToken.None);
        Assert.Single(factory.Created[0].Rtp);
        await peer.DisposeAsync();
    }

    [Fact]
    public async Task PeersStopTheirLoopsAndTimersWhenTheTransportCloses()
    {
        var factory = new RecordingFactory();
        var stack = new WebRtcStack(factory, TimeProvider.System);
        var viewerOffer = Offers.VideoAndAudio.Replace("a=sendonly", "a=recvonly", StringComparison.Ordinal);
        var publishers = Enumerable.Range(0, 20).Select(_ => (WhipPeer)stack.AcceptPublisher(Offers.VideoAndAudio)).ToList();
        var viewers = Enumerable.Range(0, 20).Select(_ => (WhepPeer)stack.AcceptViewer(viewerOffer, true, true)).ToList();
        Assert.All(publishers, p => Assert.False(p.Background.IsCompleted));
        Assert.All(viewers, p => Assert.False(p.Background.IsCompleted));

        // The peer leaves (consent expired, close_notify): nothing of the session layer disposes anything yet.
        factory.Created.ForEach(t => t.Close());
        await WebRtcServer.EventuallyAsync(() => publishers.All(p => p.Background.IsCompleted) && viewers.All(p => p.Background.IsCompleted), "every loop and timer to end");
        foreach (var peer in publishers)
        {
            await peer.DisposeAsync();
        }

        foreach (var peer in viewers)
        {
            await peer.DisposeAsync();
        }

        Assert.All(factory.Created, t => Assert.True(t.Disposed));
    }

    private sealed class RecordingFactory : IWebRtcTransportFactory
    {
        public List<RecordingTransport> Created { get; } = [];

        public WebRtcTransportFactoryStats Stats => new();

        public IWebRtcTransport Create(WebRtcRemotePeer remote)
        {
            var transport = new RecordingTransport(remote);
            Created.Add(transport);
            return transport;
        }
    }

    private sealed class RecordingTransport(WebRtcRemotePeer remote) : IWebRtcTransport
    {
        private readonly Channel<WebRtcPacket> _received = Channel.CreateUnbounded<WebRtcPacket>();
        private readonly TaskCompletionSource<WebRtcCloseReason> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public WebRtcRemotePeer Remote => remote;

        public IceCredentials LocalIce { get; } = IceCredentials.Generate();

        public DtlsFingerprint LocalFingerprint { get; } = DtlsFingerprint.Of([1, 2, 3]);

        public IPEndPoint LocalEndPoint { get; } = new(IPAddress.Loopback, 40000);

        public Task Connected => Task.CompletedTask;

        public Task<WebRtcCloseReason> Closed => _closed.Task;

        public ChannelReader<WebRtcPacket> Received => _received.Reader;

        public WebRtcTransportStats Stats => new();

        public ConcurrentQueue<byte[]> Rtp { get; } = new();

        public ConcurrentQueue<byte[]> RtcpSent { get; } = new();

        public bool Disposed { get; private set; }

        public void Deliver(WebRtcPacket packet) => _received.Writer.TryWrite(packet);

        public void Close()
        {
            _received.Writer.TryComplete();
            _closed.TrySetResult(WebRtcCloseReason.PeerClosed);
        }

        public ValueTask<bool> SendRtpAsync(ReadOnlyMemory<byte> rtpPacket, CancellationToken cancellationToken = default)
        {
            Rtp.Enqueue(rtpPacket.ToArray());
            return ValueTask.FromResult(true);
        }

        public ValueTask<bool> SendRtcpAsync(ReadOnlyMemory<byte> rtcpPacket, CancellationToken cancellationToken = default)
        {
            RtcpSent.Enqueue(rtcpPacket.ToArray());
            return ValueTask.FromResult(true);
        }

        public ValueTask DisposeAsync()
        {
            Disposed = true;
            Close();
            return ValueTask.CompletedTask;
        }
    }
}
