namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>
/// A parsed SDP (RFC 8866) with the JSEP (RFC 8829) attributes WHIP/WHEP need. Session-level ICE credentials,
/// fingerprint and setup apply to media sections that lack their own (<see cref="IceUfragOf"/> etc.).
/// </summary>
public sealed class SdpOffer
{
    /// <summary>The o= session id.</summary>
    public required string SessionId { get; init; }

    /// <summary>a=group:BUNDLE mids (RFC 9143), empty when not bundled.</summary>
    public IReadOnlyList<string> BundleMids { get; init; } = [];

    /// <summary>Session-level a=ice-ufrag, or null.</summary>
    public string? IceUfrag { get; init; }

    /// <summary>Session-level a=ice-pwd, or null.</summary>
    public string? IcePwd { get; init; }

    /// <summary>Session-level a=fingerprint, or null.</summary>
    public SdpFingerprint? Fingerprint { get; init; }

    /// <summary>Session-level a=setup, or null.</summary>
    public string? Setup { get; init; }

    /// <summary>Whether a=ice-lite was given at session level.</summary>
    public bool IceLite { get; init; }

    /// <summary>The media sections in order.</summary>
    public required IReadOnlyList<SdpMedia> Media { get; init; }

    /// <summary>Every session-level a= line as (name, value).</summary>
    public IReadOnlyList<KeyValuePair<string, string?>> Attributes { get; init; } = [];

    /// <summary>
    /// Parses an SDP body. Accepts CRLF or LF line ends (RFC 8866 §5 asks for CRLF; many clients send LF). Throws
    /// <see cref="SdpException"/> for malformed, oversized or truncated input.
    /// </summary>
    public static SdpOffer Parse(string sdp) => SdpParser.Parse(sdp);

    /// <summary>Like <see cref="Parse"/> but returns false and the error instead of throwing.</summary>
    public static bool TryParse(string sdp, out SdpOffer? offer, out string? error)
    {
        try
        {
            offer = SdpParser.Parse(sdp);
            error = null;
            return true;
        }
        catch (SdpException e)
        {
            offer = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>The ICE ufrag for a section (its own, else the session's).</summary>
    public string? IceUfragOf(SdpMedia media) => media?.IceUfrag ?? IceUfrag;

    /// <summary>The ICE password for a section (its own, else the session's).</summary>
    public string? IcePwdOf(SdpMedia media) => media?.IcePwd ?? IcePwd;

    /// <summary>The fingerprint for a section (its own, else the session's).</summary>
    public SdpFingerprint? FingerprintOf(SdpMedia media) => media?.Fingerprint ?? Fingerprint;

    /// <summary>The setup role for a section (its own, else the session's, else <c>actpass</c>).</summary>
    public string SetupOf(SdpMedia media) => media?.Setup ?? Setup ?? "actpass";
}
