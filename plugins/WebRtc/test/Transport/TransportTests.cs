using System.Net;
using System.Net.Sockets;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.WebRtc.Srtp;
using Livepeer.Plugins.WebRtc.Stun;
using Livepeer.Plugins.WebRtc.Transport;

namespace Livepeer.Plugins.WebRtc.Tests.Transport;

public sealed class TransportTests
{
    private static WebRtcTransportFactory Factory(bool mux = false, TimeProvider? time = null) =>
        new(new WebRtcOptions { UdpMuxAddress = mux ? new IPEndPoint(IPAddress.Loopback, 0) : null }, time ?? TimeProvider.System);

    [Theory]
    [InlineData(false, SrtpProfile.AeadAes128Gcm)]
    [InlineData(false, SrtpProfile.AesCm128HmacSha1_80)]
    [InlineData(true, SrtpProfile.AeadAes128Gcm)]
    public async Task Stun_dtls_and_srtp_end_to_end_over_udp(bool mux, SrtpProfile profile)
    {
        await using var factory = Factory(mux);
        await using var peer = new TestPeer();
        await using var transport = factory.Create(peer.Offer);
        peer.Target = transport.LocalEndPoint;

        var response = await peer.CheckAsync(transport.LocalIce);
        Assert.Equal(StunClass.SuccessResponse, response.Class);
        Assert.True(response.VerifyIntegrity(System.Text.Encoding.UTF8.GetBytes(transport.LocalIce.Password)));
        Assert.True(response.VerifyFingerprint());
        Assert.Equal(peer.LocalEndPoint, response.XorMappedAddress);

        var connection = await peer.ConnectDtlsAsync(profile);
        await transport.Connected.WaitAsync(TimeSpan.FromSeconds(10));

        // Peer → transport: RTP and RTCP arrive decrypted.
        peer.SendRaw(peer.ProtectRtp("hello"u8));
        var rtcp = Convert.FromHexString("80c90001" + "01020304"); // an empty receiver report
        peer.SendRaw(peer.ProtectRtcp(rtcp));
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var first = await transport.Received.ReadAsync(read.Token);
        Assert.False(first.IsRtcp);
        Assert.Equal("hello"u8.ToArray(), first.Data[12..].ToArray());
        var second = await transport.Received.ReadAsync(read.Token);
        Assert.True(second.IsRtcp);
        Assert.Equal(rtcp, second.Data.ToArray());

        // Transport → peer.
        var plain = TestPeer.Rtp(1, 0xAABBCCDD, new byte[1100]);
        Assert.True(await transport.SendRtpAsync(plain));
        var (status, received) = await peer.ReceiveMediaAsync();
        Assert.Equal(SrtpStatus.Ok, status);
        Assert.Equal(plain, received);
        Assert.True(await transport.SendRtcpAsync(rtcp));
        (status, received) = await peer.ReceiveMediaAsync();
        Assert.Equal(SrtpStatus.Ok, status);
        Assert.Equal(rtcp, received);

        var stats = transport.Stats;
        Assert.Equal(1, stats.RtpPacketsReceived);
        Assert.Equal(1, stats.RtcpPacketsReceived);
        Assert.Equal(1, stats.RtpPacketsSent);
        Assert.Equal(1, stats.RtcpPacketsSent);
        Assert.Equal(1, stats.StunRequests);

        // close_notify from the peer closes the transport.
        connection.Close();
        Assert.Equal(WebRtcCloseReason.PeerClosed, await transport.Closed.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.False(await transport.SendRtpAsync(plain));
    }

    [Fact]
    public async Task Bad_stun_is_answered_or_dropped_and_counted()
    {
        await using var factory = Factory();
        await using var peer = new TestPeer();
        await using var transport = factory.Create(peer.Offer);
        peer.Target = transport.LocalEndPoint;

        var unauthorized = await peer.CheckAsync(transport.LocalIce, password: "not-the-password-at-all");
        Assert.Equal(StunClass.ErrorResponse, unauthorized.Class);
        Assert.Equal(401, unauthorized.ErrorCode!.Value.Code);

        var wrongUfrag = await peer.CheckAsync(transport.LocalIce with { Ufrag = "nope" });
        Assert.Equal(401, wrongUfrag.ErrorCode!.Value.Code);

        var broken = peer.Check(transport.LocalIce);
        broken[^1] ^= 0xFF; // FINGERPRINT wrong: not STUN, no answer
        peer.SendRaw(broken);

        var good = await peer.CheckAsync(transport.LocalIce);
        Assert.Equal(StunClass.SuccessResponse, good.Class);
        Assert.Equal(3, transport.Stats.StunRejected);
        Assert.Equal(1, transport.Stats.StunRequests);
    }

    [Fact]
    public async Task Media_and_dtls_from_an_address_without_a_valid_check_are_dropped()
    {
        await using var factory = Factory();
        await using var peer = new TestPeer();
        await using var stranger = new TestPeer();
        await using var transport = factory.Create(peer.Offer);
        peer.Target = stranger.Target = transport.LocalEndPoint;
        for (var i = 0; i < 50; i++)
        {
            stranger.SendRaw(TestPeer.Rtp((ushort)i, 1, new byte[100]));
            stranger.SendRaw([22, 254, 253, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        }

        stranger.SendRaw([200, 1, 2]); // no RFC 7983 range
        await WaitUntil(() => transport.Stats.UnknownSourceDropped == 100 && transport.Stats.UnclassifiedDropped == 1);
        await peer.CheckAsync(transport.LocalIce);
        await peer.ConnectDtlsAsync();
        await transport.Connected.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Dtls_garbage_and_srtp_forgeries_are_counted_and_the_session_goes_on()
    {
        await using var factory = Factory();
        await using var peer = new TestPeer();
        await using var transport = factory.Create(peer.Offer);
        peer.Target = transport.LocalEndPoint;
        await peer.CheckAsync(transport.LocalIce);
        var random = new Random(42);
        for (var i = 0; i < 20; i++)
        {
            var junk = new byte[random.Next(13, 200)];
            random.NextBytes(junk);
            junk[0] = (byte)random.Next(20, 64);
            peer.SendRaw(junk);
        }

        await peer.ConnectDtlsAsync();
        await transport.Connected.WaitAsync(TimeSpan.FromSeconds(10));
        var packet = peer.ProtectRtp(new byte[200]);
        var forged = (byte[])packet.Clone();
        forged[20] ^= 1;
        peer.SendRaw(forged);
        peer.SendRaw(packet);
        peer.SendRaw(packet); // replay
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var received = await transport.Received.ReadAsync(read.Token);
        Assert.Equal(200, received.Data.Length - 12);
        await WaitUntil(() => transport.Stats.SrtpAuthFailures == 1 && transport.Stats.SrtpReplays == 1);
        Assert.False(transport.Received.TryRead(out _));
    }

    [Fact]
    public async Task A_peer_certificate_that_does_not_match_the_offer_fails_the_connection()
    {
        await using var factory = Factory();
        await using var peer = new TestPeer();
        var impostor = new WebRtcRemotePeer(peer.Ice, Dtls.DtlsCertificateCache.Other.Fingerprint);
        await using var transport = factory.Create(impostor);
        peer.Target = transport.LocalEndPoint;
        await peer.CheckAsync(transport.LocalIce);
        await Assert.ThrowsAnyAsync<Exception>(() => peer.ConnectDtlsAsync());
        await Assert.ThrowsAsync<WebRtcTransportException>(() => transport.Connected.WaitAsync(TimeSpan.FromSeconds(10)));
        Assert.Equal(WebRtcCloseReason.HandshakeFailed, await transport.Closed.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Consent_expires_without_checks_and_is_kept_by_them()
    {
        var time = new ManualTimeProvider();
        await using var factory = Factory(time: time);
        await using var peer = new TestPeer();
        await using var transport = factory.Create(peer.Offer);
        peer.Target = transport.LocalEndPoint;
        await peer.CheckAsync(transport.LocalIce);
        await peer.ConnectDtlsAsync();
        await transport.Connected.WaitAsync(TimeSpan.FromSeconds(10));
        for (var i = 0; i < 4; i++)
        {
            time.Advance(TimeSpan.FromSeconds(20));
            await peer.CheckAsync(transport.LocalIce); // a consent check every 20 s keeps it alive past 30 s
        }

        Assert.False(transport.Closed.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(WebRtcCloseReason.ConsentExpired, await transport.Closed.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task A_transport_nobody_connects_to_closes_at_the_connect_timeout()
    {
        var time = new ManualTimeProvider();
        await using var factory = Factory(time: time);
        await using var transport = factory.Create(new TestPeer().Offer);
        time.Advance(TimeSpan.FromSeconds(16));
        await Assert.ThrowsAsync<WebRtcTransportException>(() => transport.Connected.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Equal(WebRtcCloseReason.HandshakeFailed, await transport.Closed.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task On_the_mux_a_flood_from_unknown_addresses_is_dropped_and_other_sessions_go_on()
    {
        await using var factory = Factory(mux: true);
        await using var a = new TestPeer();
        await using var b = new TestPeer();
        await using var attacker = new TestPeer();
        await using var ta = factory.Create(a.Offer);
        await using var tb = factory.Create(b.Offer);
        Assert.Equal(ta.LocalEndPoint, tb.LocalEndPoint); // one shared port
        a.Target = b.Target = attacker.Target = ta.LocalEndPoint;
        await a.CheckAsync(ta.LocalIce);
        await b.CheckAsync(tb.LocalIce);
        await Task.WhenAll(a.ConnectDtlsAsync(), b.ConnectDtlsAsync());
        await Task.WhenAll(ta.Connected, tb.Connected).WaitAsync(TimeSpan.FromSeconds(10));

        // Bursts small enough for the kernel's socket buffer (the mux is one socket: a flood larger than its buffer is
        // lost in the kernel before any code sees it); each burst is drained before a's packet goes out.
        var junk = TestPeer.Rtp(1, 9, new byte[1000]);
        using var read = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        for (var round = 1; round <= 20; round++)
        {
            for (var i = 0; i < 50; i++)
            {
                attacker.SendRaw(junk); // unknown address: dropped by the mux
                b.SendRaw(junk); // b's own validated address, forged SRTP: only b's queue and counters
            }

            attacker.SendRaw(attacker.Check(ta.LocalIce with { Ufrag = "unknownufrag" }));
            await WaitUntil(() => factory.Stats.UnroutedDropped == round * 51 && tb.Stats.SrtpAuthFailures + tb.Stats.InboundQueueDropped == round * 50);
            a.SendRaw(a.ProtectRtp(new byte[100]));
            var packet = await ta.Received.ReadAsync(read.Token);
            Assert.Equal(112, packet.Data.Length);
        }

        Assert.Equal(0, ta.Stats.SrtpAuthFailures);
        Assert.Equal(0, ta.Stats.InboundQueueDropped);
        Assert.Equal(20, ta.Stats.RtpPacketsReceived);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Many_sessions_open_and_close_without_leaving_sockets_timers_or_tasks(bool mux)
    {
        var factory = Factory(mux);
        var before = factory.Stats;
        for (var round = 0; round < 5; round++)
        {
            var peers = Enumerable.Range(0, 10).Select(_ => new TestPeer()).ToArray();
            var transports = peers.Select(p => factory.Create(p.Offer)).ToArray();
            Assert.Equal(10, factory.Stats.OpenTransports);
            Assert.Equal(10, factory.Stats.ActiveTimers);
            // Half of them connect fully; the others never see a packet.
            await Task.WhenAll(peers.Take(5).Select(async (p, i) =>
            {
                p.Target = transports[i].LocalEndPoint;
                await p.CheckAsync(transports[i].LocalIce);
                await p.ConnectDtlsAsync();
                await transports[i].Connected.WaitAsync(TimeSpan.FromSeconds(20));
            }));
            foreach (var t in transports)
            {
                await t.DisposeAsync();
                Assert.Equal(WebRtcCloseReason.Disposed, await t.Closed);
            }

            foreach (var p in peers)
            {
                await p.DisposeAsync();
            }
        }

        var after = factory.Stats;
        Assert.Equal(0, after.OpenTransports);
        Assert.Equal(0, after.ActiveTimers);
        Assert.Equal(mux ? 1 : 0, after.OpenSockets);
        Assert.Equal(mux ? 1 : 0, after.RunningTasks); // the mux's receive loop only
        await factory.DisposeAsync();
        Assert.Equal(0, factory.Stats.OpenSockets);
        Assert.Equal(0, factory.Stats.RunningTasks);
        Assert.Equal(0, before.OpenSockets);
    }

    private static async Task WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "condition not reached in 10 s");
            await Task.Delay(20);
        }
    }
}
