using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>
/// Answers a WHIP/WHEP offer as an ICE-lite, DTLS-passive endpoint (RFC 8829 §5.3, RFC 8842 §5.1, RFC 8839 §5.3):
/// every offered m= section is answered in order; the first usable video section gets H.264 and the first usable audio
/// section Opus 48000/2 (the offer's payload types are kept), everything else is rejected with port 0.
/// </summary>
public static class SdpAnswerBuilder
{
    private static readonly string[] VideoFeedback = ["nack", "nack pli", "ccm fir"];

    /// <summary>
    /// Builds the answer. Throws <see cref="SdpException"/> when the offer is unusable: no acceptable audio/video
    /// section, missing ICE credentials or fingerprint, or <c>a=setup:passive</c> (we are always the DTLS server).
    /// </summary>
    public static SdpAnswer Build(SdpOffer offer, SdpAnswerOptions options)
    {
        ArgumentNullException.ThrowIfNull(offer);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Candidates.Count == 0)
        {
            throw new ArgumentException("at least one candidate address is needed", nameof(options));
        }

        var tracks = new List<SdpTrack>();
        var accepted = new SdpCodec?[offer.Media.Count];
        for (var i = 0; i < offer.Media.Count; i++)
        {
            var media = offer.Media[i];
            if (tracks.Exists(t => t.Kind == media.Kind) || !Usable(media, options))
            {
                continue;
            }

            var codec = media.Kind == "video" ? ChooseH264(media, options.Role) : ChooseOpus(media);
            if (codec is null)
            {
                continue;
            }

            accepted[i] = codec;
            tracks.Add(new SdpTrack(media.Mid, media.Kind, codec, [.. media.Ssrcs.Select(s => s.Ssrc)]));
        }

        if (tracks.Count == 0)
        {
            throw new SdpException("the offer has no usable H.264 video or Opus audio section");
        }

        var first = offer.Media[Array.FindIndex(accepted, c => c is not null)];
        var ufrag = offer.IceUfragOf(first) ?? throw new SdpException("the offer has no a=ice-ufrag");
        var pwd = offer.IcePwdOf(first) ?? throw new SdpException("the offer has no a=ice-pwd");
        var fingerprint = offer.FingerprintOf(first) ?? throw new SdpException("the offer has no a=fingerprint");
        if (offer.SetupOf(first) == "passive")
        {
            throw new SdpException("a=setup:passive offers are not supported: this endpoint is always the DTLS server");
        }

        return new SdpAnswer(Write(offer, options, accepted), tracks, ufrag, pwd, fingerprint);
    }

    private static bool Usable(SdpMedia media, SdpAnswerOptions options)
    {
        if (!media.IsRtp || media.Port == 0 || !media.RtcpMux || media.Mid.Length == 0)
        {
            return false; // WebRTC needs rtcp-mux and mids (RFC 8829 §5.3.1); port 0 is a rejected/stopped section
        }

        var wanted = media.Kind == "video" ? options.AcceptVideo : options.AcceptAudio;
        var direction = options.Role == SdpRole.Whip
            ? media.Direction is SdpDirection.SendOnly or SdpDirection.SendRecv
            : media.Direction is SdpDirection.RecvOnly or SdpDirection.SendRecv;
        return wanted && direction;
    }

    /// <summary>
    /// H.264 preference: packetization-mode 1 with a profile that decodes 42e01f (Constrained Baseline first), then any
    /// mode 1; mode 0 (single NAL units only) only for WHIP, where we depacketize and never have to fragment.
    /// </summary>
    internal static SdpCodec? ChooseH264(SdpMedia media, SdpRole role)
    {
        SdpCodec? best = null;
        var bestScore = -1;
        foreach (var codec in media.Codecs)
        {
            if (!codec.Is("H264") || codec.ClockRate != 90000)
            {
                continue;
            }

            var p = codec.FmtpParameters;
            var mode1 = p.TryGetValue("packetization-mode", out var m) && m == "1";
            if (!mode1 && (role == SdpRole.Whep || (p.ContainsKey("packetization-mode") && m != "0")))
            {
                continue;
            }

            H264ProfileLevelId.TryParse(p.GetValueOrDefault("profile-level-id"), out var profile);
            var score = (mode1 ? 4 : 0) + (profile.IsConstrainedBaseline ? 2 : 0) + (profile.Decodes42e01f ? 1 : 0);
            if (score > bestScore)
            {
                best = codec;
                bestScore = score;
            }
        }

        return best;
    }

    private static SdpCodec? ChooseOpus(SdpMedia media) =>
        media.Codecs.FirstOrDefault(c => c.Is("opus") && c.ClockRate == 48000 && c.Channels == 2);

    private static string Write(SdpOffer offer, SdpAnswerOptions options, SdpCodec?[] accepted)
    {
        var sb = new StringBuilder(2048);
        var inv = CultureInfo.InvariantCulture;
        var defaultAddress = options.Candidates[0];
        var ipVersion = defaultAddress.AddressFamily == AddressFamily.InterNetworkV6 ? "IP6" : "IP4";
        Line(sb, "v=0");
        Line(sb, string.Create(inv, $"o=- {options.SessionId} 2 IN {ipVersion} {defaultAddress.Address}"));
        Line(sb, "s=-");
        Line(sb, "t=0 0");
        Line(sb, "a=ice-lite");
        var bundled = offer.Media.Where((m, i) => accepted[i] is not null && offer.BundleMids.Contains(m.Mid)).Select(m => m.Mid).ToList();
        if (bundled.Count > 0)
        {
            Line(sb, "a=group:BUNDLE " + string.Join(' ', bundled));
        }

        if (options.Role == SdpRole.Whep)
        {
            Line(sb, "a=msid-semantic: WMS " + options.Cname);
        }

        for (var i = 0; i < offer.Media.Count; i++)
        {
            var media = offer.Media[i];
            var codec = accepted[i];
            if (codec is null)
            {
                // Rejected section (RFC 8829 §5.3.1): port 0, same media and protocol, first format kept.
                Line(sb, $"m={media.Kind} 0 {media.Protocol} {(media.Formats.Count > 0 ? media.Formats[0] : "0")}");
                Line(sb, $"c=IN {ipVersion} {defaultAddress.Address}");
                if (media.Mid.Length > 0)
                {
                    Line(sb, "a=mid:" + media.Mid);
                }

                Line(sb, "a=inactive");
                continue;
            }

            Line(sb, string.Create(inv, $"m={media.Kind} {defaultAddress.Port} {media.Protocol} {codec.PayloadType}"));
            Line(sb, $"c=IN {ipVersion} {defaultAddress.Address}");
            Line(sb, "a=mid:" + media.Mid);
            Line(sb, "a=ice-ufrag:" + options.IceUfrag);
            Line(sb, "a=ice-pwd:" + options.IcePwd);
            Line(sb, "a=fingerprint:" + options.Fingerprint);
            Line(sb, "a=setup:passive");
            Line(sb, "a=rtcp-mux");
            Line(sb, options.Role == SdpRole.Whip ? "a=recvonly" : "a=sendonly");
            Line(sb, string.Create(inv, $"a=rtpmap:{codec.PayloadType} {codec.Name}/{codec.ClockRate}{(codec.Channels > 1 ? "/" + codec.Channels.ToString(inv) : "")}"));
            if (codec.Fmtp.Length > 0)
            {
                Line(sb, string.Create(inv, $"a=fmtp:{codec.PayloadType} {codec.Fmtp}"));
            }

            if (media.Kind == "video")
            {
                foreach (var fb in VideoFeedback.Where(codec.HasFeedback))
                {
                    Line(sb, string.Create(inv, $"a=rtcp-fb:{codec.PayloadType} {fb}"));
                }
            }

            if (options.Role == SdpRole.Whep)
            {
                var ssrc = media.Kind == "video" ? options.VideoSsrc : options.AudioSsrc;
                Line(sb, $"a=msid:{options.Cname} {media.Kind}");
                Line(sb, string.Create(inv, $"a=ssrc:{ssrc} cname:{options.Cname}"));
            }

            for (var c = 0; c < options.Candidates.Count; c++)
            {
                // RFC 8445 §5.1.2.1 priority for host candidates: type preference 126, local preference by order, component 1.
                var candidate = options.Candidates[c];
                var priority = (126L << 24) | ((long)(65535 - c) << 8) | 255;
                Line(sb, string.Create(inv, $"a=candidate:{c + 1} 1 udp {priority} {candidate.Address} {candidate.Port} typ host"));
            }

            Line(sb, "a=end-of-candidates");
        }

        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string line) => sb.Append(line).Append("\r\n");
}
