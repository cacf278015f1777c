namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>One media section (m= line and its attributes; RFC 8866 §5.14) of a parsed SDP.</summary>
public sealed class SdpMedia
{
    /// <summary>Media type: <c>audio</c>, <c>video</c>, <c>application</c>, ….</summary>
    public required string Kind { get; init; }

    /// <summary>The m= port (0 means the section is rejected/disabled).</summary>
    public required int Port { get; init; }

    /// <summary>Transport protocol (e.g. <c>UDP/TLS/RTP/SAVPF</c>).</summary>
    public required string Protocol { get; init; }

    /// <summary>The format list as written (payload types for RTP).</summary>
    public required IReadOnlyList<string> Formats { get; init; }

    /// <summary>a=mid (RFC 9143), or empty.</summary>
    public string Mid { get; init; } = "";

    /// <summary>The direction attribute.</summary>
    public SdpDirection Direction { get; init; } = SdpDirection.SendRecv;

    /// <summary>Whether a=rtcp-mux was present (RFC 5761).</summary>
    public bool RtcpMux { get; init; }

    /// <summary>Media-level a=ice-ufrag, or null.</summary>
    public string? IceUfrag { get; init; }

    /// <summary>Media-level a=ice-pwd, or null.</summary>
    public string? IcePwd { get; init; }

    /// <summary>Media-level a=fingerprint, or null.</summary>
    public SdpFingerprint? Fingerprint { get; init; }

    /// <summary>Media-level a=setup value (<c>actpass</c>, <c>active</c>, <c>passive</c>), or null.</summary>
    public string? Setup { get; init; }

    /// <summary>The payload formats with an rtpmap (or static payload types), in m= line order.</summary>
    public IReadOnlyList<SdpCodec> Codecs { get; init; } = [];

    /// <summary>The a=extmap lines.</summary>
    public IReadOnlyList<SdpExtmap> Extmaps { get; init; } = [];

    /// <summary>The a=ssrc sources (one per SSRC, with cname).</summary>
    public IReadOnlyList<SdpSsrc> Ssrcs { get; init; } = [];

    /// <summary>Every a= line as (name, value); value is null for property attributes.</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Attributes { get; init; } = [];

    /// <summary>Whether the section is RTP media (audio or video over an RTP profile).</summary>
    public bool IsRtp => Kind is "audio" or "video" && Protocol.Contains("RTP", StringComparison.OrdinalIgnoreCase);
}
