using System.Net;

namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>What the caller (session layer) supplies to answer an offer.</summary>
public sealed record SdpAnswerOptions
{
    /// <summary>WHIP (we receive) or WHEP (we send).</summary>
    public required SdpRole Role { get; init; }

    /// <summary>Our ICE username fragment (RFC 8839: 4–256 ice-chars).</summary>
    public required string IceUfrag { get; init; }

    /// <summary>Our ICE password (22–256 ice-chars).</summary>
    public required string IcePwd { get; init; }

    /// <summary>Our DTLS certificate fingerprint.</summary>
    public required SdpFingerprint Fingerprint { get; init; }

    /// <summary>One host candidate is written per address, in order (the first is also the default address in c=/m=).</summary>
    public required IReadOnlyList<IPEndPoint> Candidates { get; init; }

    /// <summary>o= session id (digits); the caller picks it at random.</summary>
    public ulong SessionId { get; init; } = 1;

    /// <summary>Whether a video (H.264) track may be accepted (WHEP: whether the stream has one).</summary>
    public bool AcceptVideo { get; init; } = true;

    /// <summary>Whether an audio (Opus) track may be accepted (WHEP: whether the stream has one).</summary>
    public bool AcceptAudio { get; init; } = true;

    /// <summary>WHEP: the SSRC we send video with.</summary>
    public uint VideoSsrc { get; init; }

    /// <summary>WHEP: the SSRC we send audio with.</summary>
    public uint AudioSsrc { get; init; }

    /// <summary>RTCP CNAME and msid stream id for what we send (upstream uses stream id <c>livepeer</c>).</summary>
    public string Cname { get; init; } = "livepeer";
}
