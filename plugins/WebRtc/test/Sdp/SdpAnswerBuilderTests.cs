using System.Net;
using Livepeer.Plugins.WebRtc.Sdp;

namespace Livepeer.Plugins.WebRtc.Tests.Sdp;

public sealed class SdpAnswerBuilderTests
{
    private static readonly SdpFingerprint Ours = SdpFingerprint.Parse("sha-256 " + string.Join(':', Enumerable.Range(0, 32).Select(i => i.ToString("X2", System.Globalization.CultureInfo.InvariantCulture))));

    private static SdpAnswerOptions Options(SdpRole role) => new()
    {
        Role = role,
        IceUfrag = "ourufrag",
        IcePwd = "ourpasswordourpassword",
        Fingerprint = Ours,
        Candidates = [new IPEndPoint(IPAddress.Loopback, 7290), new IPEndPoint(IPAddress.Parse("192.0.2.7"), 7290)],
        SessionId = 42,
        VideoSsrc = 1111,
        AudioSsrc = 2222,
    };

    [Theory]
    [MemberData(nameof(SdpVectors.Good), MemberType = typeof(SdpVectors))]
    public void WhipAnswersKeepOfferPayloadTypesAndOrder(string name, string sdp, int videoPt, int audioPt)
    {
        var offer = SdpOffer.Parse(sdp);
        var answer = SdpAnswerBuilder.Build(offer, Options(SdpRole.Whip));
        Assert.Equal(videoPt, answer.Video!.Codec.PayloadType);
        Assert.Equal(audioPt, answer.Audio!.Codec.PayloadType);
        Assert.Equal(1, answer.Video.PacketizationMode);
        Assert.Equal(offer.IceUfragOf(offer.Media[0]), answer.RemoteIceUfrag);

        // The answer is itself valid SDP with one section per offered one, in order (RFC 8829 §5.3.1).
        var parsed = SdpOffer.Parse(answer.Sdp);
        Assert.Equal(offer.Media.Select(m => (m.Kind, m.Mid)), parsed.Media.Select(m => (m.Kind, m.Mid)));
        Assert.True(parsed.Attributes.Any(a => a.Key == "ice-lite"), name);
        foreach (var m in parsed.Media.Where(m => m.Port != 0))
        {
            Assert.Equal(SdpDirection.RecvOnly, m.Direction);
            Assert.Equal("passive", parsed.SetupOf(m));
            Assert.True(m.RtcpMux);
            Assert.Equal("ourufrag", parsed.IceUfragOf(m));
            Assert.True(Ours.Matches(parsed.FingerprintOf(m)!));
            Assert.Single(m.Codecs);
            Assert.Equal(2, m.Attributes.Count(a => a.Key == "candidate"));
            Assert.Contains(m.Attributes, a => a.Key == "candidate" && a.Value!.EndsWith("192.0.2.7 7290 typ host", StringComparison.Ordinal));
        }

        Assert.Equal(2, parsed.Media.Count(m => m.Port != 0));
        Assert.Equal(parsed.Media.Where(m => m.Port != 0).Select(m => m.Mid), parsed.BundleMids);
    }

    [Fact]
    public void ChromiumPrefersConstrainedBaselineMode1()
    {
        var answer = SdpAnswerBuilder.Build(SdpOffer.Parse(SdpVectors.Chromium), Options(SdpRole.Whip));
        Assert.Equal(106, answer.Video!.Codec.PayloadType);
        Assert.True(answer.Video.Nack && answer.Video.Pli && answer.Video.Fir);
        Assert.Contains("a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\n", answer.Sdp, StringComparison.Ordinal);
        Assert.DoesNotContain("goog-remb", answer.Sdp, StringComparison.Ordinal);
        Assert.DoesNotContain("rtx", answer.Sdp, StringComparison.Ordinal);
        Assert.Equal([1730473218u, 2455386563u], answer.Video.RemoteSsrcs);
    }

    [Fact]
    public void WhipAcceptsPacketizationMode0WhenThatIsAllThereIs()
    {
        var sdp = SdpVectors.Werift.Replace("packetization-mode=1", "packetization-mode=0", StringComparison.Ordinal);
        var answer = SdpAnswerBuilder.Build(SdpOffer.Parse(sdp), Options(SdpRole.Whip));
        Assert.Equal(0, answer.Video!.PacketizationMode);

        // WHEP must fragment large NAL units (FU-A), which mode 0 forbids: video is rejected there.
        var whep = SdpAnswerBuilder.Build(SdpOffer.Parse(sdp.Replace("a=sendonly", "a=recvonly", StringComparison.Ordinal)), Options(SdpRole.Whep));
        Assert.Null(whep.Video);
        Assert.NotNull(whep.Audio);
        Assert.Contains("m=video 0 UDP/TLS/RTP/SAVPF", whep.Sdp, StringComparison.Ordinal);
    }

    [Fact]
    public void WhepAnswerIsSendOnlyWithOurSsrcs()
    {
        var answer = SdpAnswerBuilder.Build(SdpOffer.Parse(SdpVectors.ChromiumRecvOnly), Options(SdpRole.Whep));
        var parsed = SdpOffer.Parse(answer.Sdp);
        Assert.All(parsed.Media, m => Assert.Equal(SdpDirection.SendOnly, m.Direction));
        Assert.Equal(2222u, parsed.Media[0].Ssrcs.Single().Ssrc);
        Assert.Equal(1111u, parsed.Media[1].Ssrcs.Single().Ssrc);
        Assert.Equal("livepeer", parsed.Media[1].Ssrcs.Single().Cname);
    }

    [Fact]
    public void UnavailableOrWrongDirectionSectionsAreRejected()
    {
        // WHEP stream without audio: the audio section gets port 0 and leaves the bundle.
        var answer = SdpAnswerBuilder.Build(SdpOffer.Parse(SdpVectors.ChromiumRecvOnly), Options(SdpRole.Whep) with { AcceptAudio = false });
        var parsed = SdpOffer.Parse(answer.Sdp);
        Assert.Equal(0, parsed.Media[0].Port);
        Assert.Equal(SdpDirection.Inactive, parsed.Media[0].Direction);
        Assert.Equal(["1"], parsed.BundleMids);

        // A sendonly offer cannot be played (WHEP) and a recvonly one cannot ingest (WHIP).
        Assert.Throws<SdpException>(() => SdpAnswerBuilder.Build(SdpOffer.Parse(SdpVectors.Chromium), Options(SdpRole.Whep)));
        Assert.Throws<SdpException>(() => SdpAnswerBuilder.Build(SdpOffer.Parse(SdpVectors.ChromiumRecvOnly), Options(SdpRole.Whip)));
    }

    [Theory]
    [InlineData("a=setup:actpass", "a=setup:passive")]
    [InlineData("a=ice-ufrag:8a3f\n", "")]
    [InlineData("a=fingerprint:", "a=x-fingerprint:")]
    [InlineData("a=rtcp-mux\n", "")]
    [InlineData("H264/90000", "VP8/90000")]
    public void UnusableOffersAreTypedErrors(string from, string to)
    {
        var sdp = SdpVectors.Werift.Replace(from, to, StringComparison.Ordinal);
        var offer = SdpOffer.Parse(sdp);
        if (to == "VP8/90000")
        {
            // Audio alone is still answerable; video is rejected.
            var answer = SdpAnswerBuilder.Build(offer, Options(SdpRole.Whip));
            Assert.Null(answer.Video);
            return;
        }

        Assert.Throws<SdpException>(() => SdpAnswerBuilder.Build(offer, Options(SdpRole.Whip)));
    }

    [Fact]
    public void Ipv6CandidatesUseIp6()
    {
        var options = Options(SdpRole.Whip) with { Candidates = [new IPEndPoint(IPAddress.IPv6Loopback, 9)] };
        var answer = SdpAnswerBuilder.Build(SdpOffer.Parse(SdpVectors.Werift), options);
        Assert.Contains("c=IN IP6 ::1\r\n", answer.Sdp, StringComparison.Ordinal);
        Assert.Contains("a=candidate:1 1 udp 2130706431 ::1 9 typ host\r\n", answer.Sdp, StringComparison.Ordinal);
    }
}
