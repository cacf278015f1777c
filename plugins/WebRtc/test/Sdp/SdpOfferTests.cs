using Livepeer.Plugins.WebRtc.Sdp;

namespace Livepeer.Plugins.WebRtc.Tests.Sdp;

public sealed class SdpOfferTests
{
    [Fact]
    public void ChromiumOfferIsParsedCompletely()
    {
        var offer = SdpOffer.Parse(SdpVectors.Chromium);
        Assert.Equal("4611731400430051336", offer.SessionId);
        Assert.Equal(["0", "1"], offer.BundleMids);
        Assert.Equal(2, offer.Media.Count);
        var audio = offer.Media[0];
        Assert.Equal("audio", audio.Kind);
        Assert.Equal("0", audio.Mid);
        Assert.Equal(SdpDirection.SendOnly, audio.Direction);
        Assert.True(audio.RtcpMux);
        Assert.Equal("Wq3x", offer.IceUfragOf(audio));
        Assert.Equal("n8SfbyqHk3uL2jOkD2mSPpz3", offer.IcePwdOf(audio));
        Assert.Equal("sha-256", offer.FingerprintOf(audio)!.Algorithm);
        Assert.Equal(32, offer.FingerprintOf(audio)!.Hash.Length);
        Assert.Equal("actpass", offer.SetupOf(audio));
        var opus = audio.Codecs[0];
        Assert.Equal((111, "opus", 48000, 2), (opus.PayloadType, opus.Name, opus.ClockRate, opus.Channels));
        Assert.Equal("1", opus.FmtpParameters["useinbandfec"]);
        Assert.Contains("transport-cc", opus.RtcpFeedback);
        Assert.Equal("PCMU", audio.Codecs.Single(c => c.PayloadType == 0).Name);
        Assert.Equal(4, audio.Extmaps.Count);
        Assert.Equal(new SdpSsrc(2874560132, "Mf1qhGv3Dyq+mf2p"), Assert.Single(audio.Ssrcs));

        var video = offer.Media[1];
        Assert.Equal(20, video.Codecs.Count);
        var h264 = video.Codecs.Single(c => c.PayloadType == 106);
        Assert.True(h264.Is("h264"));
        Assert.Equal("42e01f", h264.FmtpParameters["profile-level-id"]);
        Assert.True(h264.HasFeedback("nack pli"));
        Assert.True(h264.HasFeedback("ccm fir"));
        Assert.Equal(2, video.Ssrcs.Count);
    }

    [Theory]
    [MemberData(nameof(SdpVectors.Good), MemberType = typeof(SdpVectors))]
    public void EveryVectorParses(string name, string sdp, int videoPt, int audioPt)
    {
        var offer = SdpOffer.Parse(sdp);
        Assert.True(offer.Media.Count >= 2, name);
        Assert.Contains(offer.Media, m => m.Codecs.Any(c => c.PayloadType == videoPt && c.Is("H264")));
        Assert.Contains(offer.Media, m => m.Codecs.Any(c => c.PayloadType == audioPt && c.Is("opus")));
        Assert.All(offer.Media, m => Assert.NotNull(offer.FingerprintOf(m)));
    }

    [Theory]
    [MemberData(nameof(SdpVectors.Malformed), MemberType = typeof(SdpVectors))]
    public void MalformedOffersAreTypedErrors(string name, string sdp)
    {
        var error = Assert.Throws<SdpException>(() => SdpOffer.Parse(sdp));
        Assert.False(string.IsNullOrEmpty(error.Message), name);
        Assert.False(SdpOffer.TryParse(sdp, out _, out var message));
        Assert.NotNull(message);
    }

    [Fact]
    public void DirectionPortZeroAndStaticPayloadTypes()
    {
        var offer = SdpOffer.Parse("v=0\no=- 1 2 IN IP4 0.0.0.0\ns=-\nt=0 0\nm=audio 0 RTP/AVP 0 8\na=inactive\nm=video 9/2 RTP/AVP 96\na=recvonly\n");
        Assert.Equal(0, offer.Media[0].Port);
        Assert.Equal(SdpDirection.Inactive, offer.Media[0].Direction);
        Assert.Equal(["PCMU", "PCMA"], offer.Media[0].Codecs.Select(c => c.Name));
        Assert.Equal(9, offer.Media[1].Port);
        Assert.Equal(SdpDirection.RecvOnly, offer.Media[1].Direction);
        Assert.Equal("", offer.Media[1].Codecs[0].Name); // no rtpmap for a dynamic type
    }

    [Theory]
    [InlineData("42e01f", true, true)]
    [InlineData("42001f", false, true)]
    [InlineData("4d001f", false, true)]
    [InlineData("640c1f", false, true)]
    [InlineData("f4001f", false, false)]
    public void ProfileLevelIds(string value, bool constrainedBaseline, bool decodes)
    {
        Assert.True(H264ProfileLevelId.TryParse(value, out var p));
        Assert.Equal(constrainedBaseline, p.IsConstrainedBaseline);
        Assert.Equal(decodes, p.Decodes42e01f);
        Assert.Equal(value, p.ToString());
        Assert.False(H264ProfileLevelId.TryParse("42e0", out _));
    }

    [Fact]
    public void FingerprintRoundTrips()
    {
        var text = "sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08";
        var fp = SdpFingerprint.Parse(text);
        Assert.Equal(text, fp.ToString());
        Assert.True(fp.Matches(SdpFingerprint.Parse(text.ToLowerInvariant().Replace("sha-256", "SHA-256", StringComparison.Ordinal))));
    }
}
