namespace Livepeer.Plugins.WebRtc.Tests.Sdp;

/// <summary>Real-world offers (shapes of Chromium, werift, Firefox and GStreamer webrtcbin) and malformed ones.</summary>
internal static class SdpVectors
{
    private const string Fp = "sha-256 6B:8B:F0:65:5F:78:E2:51:3B:AC:6F:F3:3F:46:1B:35:DC:B8:5F:64:1A:24:C2:43:F0:A1:58:D0:A1:2C:19:08";

    /// <summary>Chromium 156 sendonly offer (getUserMedia with fake devices): Opus first, then many video codecs.</summary>
    public const string Chromium =
        "v=0\r\no=- 4611731400430051336 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE 0 1\r\na=extmap-allow-mixed\r\na=msid-semantic: WMS 6f1c\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 111 63 9 0 8 13 110 126\r\nc=IN IP4 0.0.0.0\r\na=rtcp:9 IN IP4 0.0.0.0\r\n" +
        "a=ice-ufrag:Wq3x\r\na=ice-pwd:n8SfbyqHk3uL2jOkD2mSPpz3\r\na=ice-options:trickle\r\na=fingerprint:" + Fp + "\r\na=setup:actpass\r\n" +
        "a=mid:0\r\na=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\na=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
        "a=extmap:3 http://www.ietf.org/id/draft-holmer-rmcat-transport-wide-cc-extensions-01\r\na=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\n" +
        "a=sendonly\r\na=msid:6f1c 1b2e\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=rtpmap:111 opus/48000/2\r\na=rtcp-fb:111 transport-cc\r\n" +
        "a=fmtp:111 minptime=10;useinbandfec=1\r\na=rtpmap:63 red/48000/2\r\na=fmtp:63 111/111\r\na=rtpmap:9 G722/8000\r\na=rtpmap:0 PCMU/8000\r\n" +
        "a=rtpmap:8 PCMA/8000\r\na=rtpmap:13 CN/8000\r\na=rtpmap:110 telephone-event/48000\r\na=rtpmap:126 telephone-event/8000\r\n" +
        "a=ssrc:2874560132 cname:Mf1qhGv3Dyq+mf2p\r\na=ssrc:2874560132 msid:6f1c 1b2e\r\n" +
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97 102 103 104 105 106 107 108 109 127 125 39 40 98 99 100 101 45 46\r\nc=IN IP4 0.0.0.0\r\n" +
        "a=rtcp:9 IN IP4 0.0.0.0\r\na=ice-ufrag:Wq3x\r\na=ice-pwd:n8SfbyqHk3uL2jOkD2mSPpz3\r\na=ice-options:trickle\r\na=fingerprint:" + Fp + "\r\n" +
        "a=setup:actpass\r\na=mid:1\r\na=extmap:14 urn:ietf:params:rtp-hdrext:toffset\r\na=extmap:2 http://www.webrtc.org/experiments/rtp-hdrext/abs-send-time\r\n" +
        "a=extmap:13 urn:3gpp:video-orientation\r\na=extmap:4 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=sendonly\r\na=msid:6f1c 8a77\r\na=rtcp-mux\r\na=rtcp-rsize\r\n" +
        "a=rtpmap:96 VP8/90000\r\na=rtcp-fb:96 goog-remb\r\na=rtcp-fb:96 transport-cc\r\na=rtcp-fb:96 ccm fir\r\na=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\n" +
        "a=rtpmap:97 rtx/90000\r\na=fmtp:97 apt=96\r\n" +
        "a=rtpmap:102 H264/90000\r\na=rtcp-fb:102 goog-remb\r\na=rtcp-fb:102 transport-cc\r\na=rtcp-fb:102 ccm fir\r\na=rtcp-fb:102 nack\r\na=rtcp-fb:102 nack pli\r\n" +
        "a=fmtp:102 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42001f\r\na=rtpmap:103 rtx/90000\r\na=fmtp:103 apt=102\r\n" +
        "a=rtpmap:104 H264/90000\r\na=rtcp-fb:104 goog-remb\r\na=rtcp-fb:104 transport-cc\r\na=rtcp-fb:104 ccm fir\r\na=rtcp-fb:104 nack\r\na=rtcp-fb:104 nack pli\r\n" +
        "a=fmtp:104 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42001f\r\na=rtpmap:105 rtx/90000\r\na=fmtp:105 apt=104\r\n" +
        "a=rtpmap:106 H264/90000\r\na=rtcp-fb:106 goog-remb\r\na=rtcp-fb:106 transport-cc\r\na=rtcp-fb:106 ccm fir\r\na=rtcp-fb:106 nack\r\na=rtcp-fb:106 nack pli\r\n" +
        "a=fmtp:106 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=42e01f\r\na=rtpmap:107 rtx/90000\r\na=fmtp:107 apt=106\r\n" +
        "a=rtpmap:108 H264/90000\r\na=rtcp-fb:108 goog-remb\r\na=rtcp-fb:108 ccm fir\r\na=rtcp-fb:108 nack\r\na=rtcp-fb:108 nack pli\r\n" +
        "a=fmtp:108 level-asymmetry-allowed=1;packetization-mode=0;profile-level-id=42e01f\r\na=rtpmap:109 rtx/90000\r\na=fmtp:109 apt=108\r\n" +
        "a=rtpmap:127 H264/90000\r\na=rtcp-fb:127 nack\r\na=rtcp-fb:127 nack pli\r\na=fmtp:127 level-asymmetry-allowed=1;packetization-mode=1;profile-level-id=4d001f\r\n" +
        "a=rtpmap:125 rtx/90000\r\na=fmtp:125 apt=127\r\na=rtpmap:39 AV1/90000\r\na=rtcp-fb:39 nack\r\na=rtpmap:40 rtx/90000\r\na=fmtp:40 apt=39\r\n" +
        "a=rtpmap:98 VP9/90000\r\na=fmtp:98 profile-id=0\r\na=rtpmap:99 rtx/90000\r\na=fmtp:99 apt=98\r\na=rtpmap:100 VP9/90000\r\na=fmtp:100 profile-id=2\r\n" +
        "a=rtpmap:101 rtx/90000\r\na=fmtp:101 apt=100\r\na=rtpmap:45 red/90000\r\na=rtpmap:46 ulpfec/90000\r\n" +
        "a=ssrc-group:FID 1730473218 2455386563\r\na=ssrc:1730473218 cname:Mf1qhGv3Dyq+mf2p\r\na=ssrc:1730473218 msid:6f1c 8a77\r\n" +
        "a=ssrc:2455386563 cname:Mf1qhGv3Dyq+mf2p\r\na=ssrc:2455386563 msid:6f1c 8a77\r\n";

    /// <summary>A Chromium recvonly (WHEP) offer: transceivers added with direction recvonly, video first.</summary>
    public static string ChromiumRecvOnly => Chromium.Replace("a=sendonly", "a=recvonly", StringComparison.Ordinal)
        .Replace("a=ssrc-group:FID 1730473218 2455386563\r\n", "", StringComparison.Ordinal);

    /// <summary>werift (npm) sendonly offer: LF line ends, session-level fingerprint, H.264 then Opus.</summary>
    public const string Werift =
        "v=0\no=- 391702345 0 IN IP4 0.0.0.0\ns=-\nt=0 0\na=group:BUNDLE 1 2\na=extmap-allow-mixed\na=msid-semantic:WMS *\n" +
        "a=fingerprint:" + Fp + "\n" +
        "m=video 9 UDP/TLS/RTP/SAVPF 96 97\nc=IN IP4 0.0.0.0\na=ice-ufrag:8a3f\na=ice-pwd:0b8ce2c8a1e04ec7a4f6f1d2e3c4b5a6\na=ice-options:trickle\n" +
        "a=rtcp:9 IN IP4 0.0.0.0\na=rtcp-mux\na=mid:1\na=sendonly\na=setup:actpass\na=rtpmap:96 H264/90000\n" +
        "a=rtcp-fb:96 nack\na=rtcp-fb:96 nack pli\na=rtcp-fb:96 goog-remb\na=fmtp:96 profile-level-id=42e01f;packetization-mode=1;level-asymmetry-allowed=1\n" +
        "a=rtpmap:97 rtx/90000\na=fmtp:97 apt=96\na=ssrc:3127289532 cname:werift\na=candidate:0 1 udp 2130706431 127.0.0.1 52145 typ host\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 111\nc=IN IP4 0.0.0.0\na=ice-ufrag:8a3f\na=ice-pwd:0b8ce2c8a1e04ec7a4f6f1d2e3c4b5a6\na=rtcp-mux\na=mid:2\n" +
        "a=sendonly\na=setup:actpass\na=rtpmap:111 opus/48000/2\na=ssrc:1820223017 cname:werift\n";

    /// <summary>Firefox-like offer: session-level fingerprint and ICE, sendrecv, VP8 first, H.264 PT 126 and 97, Opus PT 109.</summary>
    public const string Firefox =
        "v=0\r\no=mozilla...THIS_IS_SDPARTA-99.0 1283452451258796380 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=fingerprint:" + Fp + "\r\n" +
        "a=group:BUNDLE 0 1\r\na=ice-options:trickle\r\na=msid-semantic:WMS *\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 109 9 0 8 101\r\nc=IN IP4 0.0.0.0\r\na=sendrecv\r\na=extmap:1 urn:ietf:params:rtp-hdrext:ssrc-audio-level\r\n" +
        "a=extmap:3 urn:ietf:params:rtp-hdrext:sdes:mid\r\na=fmtp:109 maxplaybackrate=48000;stereo=1;useinbandfec=1\r\na=fmtp:101 0-15\r\n" +
        "a=ice-pwd:e5e2d2ff0a2b5a2c5f1a2b3c4d5e6f70\r\na=ice-ufrag:8b2c9a1d\r\na=mid:0\r\na=msid:{a} {b}\r\na=rtcp-mux\r\n" +
        "a=rtpmap:109 opus/48000/2\r\na=rtpmap:9 G722/8000/1\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\n" +
        "a=setup:actpass\r\na=ssrc:2655508255 cname:{c}\r\n" +
        "m=video 9 UDP/TLS/RTP/SAVPF 120 124 121 125 126 127 97 98\r\nc=IN IP4 0.0.0.0\r\na=sendrecv\r\n" +
        "a=fmtp:126 profile-level-id=42e01f;level-asymmetry-allowed=1;packetization-mode=1\r\na=fmtp:97 profile-level-id=42e01f;level-asymmetry-allowed=1\r\n" +
        "a=fmtp:120 max-fs=12288;max-fr=60\r\na=fmtp:124 apt=120\r\na=fmtp:121 max-fs=12288;max-fr=60\r\na=fmtp:125 apt=121\r\na=fmtp:127 apt=126\r\na=fmtp:98 apt=97\r\n" +
        "a=ice-pwd:e5e2d2ff0a2b5a2c5f1a2b3c4d5e6f70\r\na=ice-ufrag:8b2c9a1d\r\na=mid:1\r\na=msid:{a} {d}\r\n" +
        "a=rtcp-fb:120 nack\r\na=rtcp-fb:120 nack pli\r\na=rtcp-fb:120 ccm fir\r\na=rtcp-fb:126 nack\r\na=rtcp-fb:126 nack pli\r\na=rtcp-fb:126 ccm fir\r\n" +
        "a=rtcp-fb:126 goog-remb\r\na=rtcp-fb:97 nack\r\na=rtcp-fb:97 nack pli\r\na=rtcp-mux\r\na=rtcp-rsize\r\n" +
        "a=rtpmap:120 VP8/90000\r\na=rtpmap:124 rtx/90000\r\na=rtpmap:121 VP9/90000\r\na=rtpmap:125 rtx/90000\r\na=rtpmap:126 H264/90000\r\n" +
        "a=rtpmap:127 rtx/90000\r\na=rtpmap:97 H264/90000\r\na=rtpmap:98 rtx/90000\r\na=setup:actpass\r\na=ssrc:1497012352 cname:{c}\r\n";

    /// <summary>GStreamer 1.22 webrtcbin offer (x264enc ! rtph264pay, opusenc ! rtpopuspay): video-only bundle, no mids on port 0.</summary>
    public const string GStreamer =
        "v=0\r\no=- 1838210916254396870 0 IN IP4 0.0.0.0\r\ns=-\r\nt=0 0\r\na=ice-options:trickle\r\na=group:BUNDLE video0 audio1\r\n" +
        "m=video 9 UDP/TLS/RTP/SAVPF 96\r\nc=IN IP4 0.0.0.0\r\na=setup:actpass\r\na=ice-ufrag:Yx1lM5nq8Rb3H0sEJ0Zk6TqCeE9iGvYb\r\n" +
        "a=ice-pwd:Fp1tFh0vXcR7GgL5c0NnQ9mKzj3lWw2e\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=sendonly\r\na=rtpmap:96 H264/90000\r\n" +
        "a=rtcp-fb:96 nack\r\na=rtcp-fb:96 nack pli\r\na=rtcp-fb:96 ccm fir\r\n" +
        "a=fmtp:96 packetization-mode=1;profile-level-id=42c01f;sprop-parameter-sets=Z0LAH9kAUAW7ARAAAAMAEAAAAwPA8SJZ,aMuMsg==\r\n" +
        "a=ssrc:1401293855 msid:user1234 webrtctransceiver0\r\na=ssrc:1401293855 cname:user1234\r\na=mid:video0\r\n" +
        "a=fingerprint:" + Fp + "\r\n" +
        "m=audio 9 UDP/TLS/RTP/SAVPF 97\r\nc=IN IP4 0.0.0.0\r\na=setup:actpass\r\na=ice-ufrag:Yx1lM5nq8Rb3H0sEJ0Zk6TqCeE9iGvYb\r\n" +
        "a=ice-pwd:Fp1tFh0vXcR7GgL5c0NnQ9mKzj3lWw2e\r\na=rtcp-mux\r\na=rtcp-rsize\r\na=sendonly\r\na=rtpmap:97 OPUS/48000/2\r\n" +
        "a=rtcp-fb:97 nack\r\na=rtcp-fb:97 nack pli\r\na=fmtp:97 sprop-maxcapturerate=48000;sprop-stereo=0\r\n" +
        "a=ssrc:2370262735 msid:user1234 webrtctransceiver1\r\na=ssrc:2370262735 cname:user1234\r\na=mid:audio1\r\n" +
        "a=fingerprint:" + Fp + "\r\n";

    /// <summary>The well-formed offers, each with the video and audio payload types a WHIP answer must choose.</summary>
    public static TheoryData<string, string, int, int> Good => new()
    {
        { "chromium", Chromium, 106, 111 },
        { "werift", Werift, 96, 111 },
        { "firefox", Firefox, 126, 109 },
        { "gstreamer", GStreamer, 96, 97 },
    };

    /// <summary>Malformed offers the parser must reject with <c>SdpException</c>.</summary>
    public static TheoryData<string, string> Malformed => new()
    {
        { "empty", "" },
        { "no version", "o=- 1 2 IN IP4 0.0.0.0\r\ns=-\r\n" },
        { "version 1", "v=1\r\no=- 1 2 IN IP4 0.0.0.0\r\n" },
        { "no origin", "v=0\r\ns=-\r\nt=0 0\r\n" },
        { "short origin", "v=0\r\no=- 1 2\r\n" },
        { "garbage line", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nhello\r\n" },
        { "upper-case type", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nA=x\r\n" },
        { "m without formats", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 9\r\n" },
        { "bad port", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 99999 RTP/AVP 96\r\n" },
        { "payload type 200", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 9 RTP/AVP 200\r\n" },
        { "bad rtpmap", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 9 RTP/AVP 96\r\na=rtpmap:96 H264\r\n" },
        { "rtpmap clock 0", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 9 RTP/AVP 96\r\na=rtpmap:96 H264/0\r\n" },
        { "bad fmtp", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 9 RTP/AVP 96\r\na=fmtp:x y\r\n" },
        { "bad fingerprint", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\na=fingerprint:sha-256 zz\r\n" },
        { "bad extmap", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 9 RTP/AVP 96\r\na=extmap:0 urn:x\r\n" },
        { "bad ssrc", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\nm=video 9 RTP/AVP 96\r\na=ssrc:-1 cname:x\r\n" },
        { "empty attribute", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\na=\r\n" },
        { "huge line", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\na=x:" + new string('a', 5000) + "\r\n" },
        { "huge body", "v=0\r\n" + string.Concat(Enumerable.Repeat("a=x\r\n", 20000)) },
        { "too many sections", "v=0\r\no=- 1 2 IN IP4 0.0.0.0\r\n" + string.Concat(Enumerable.Repeat("m=video 9 RTP/AVP 96\r\n", 17)) },
        { "truncated", Chromium[..20] },
    };
}
