namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>A built answer: the SDP text and what was negotiated, plus the remote credentials the transport needs.</summary>
/// <param name="Sdp">The answer body (CRLF line ends).</param>
/// <param name="Tracks">Accepted sections, at most one video and one audio.</param>
/// <param name="RemoteIceUfrag">The offer's ICE ufrag (of the first accepted section).</param>
/// <param name="RemoteIcePwd">The offer's ICE password.</param>
/// <param name="RemoteFingerprint">The offer's DTLS fingerprint, to check the client certificate against.</param>
public sealed record SdpAnswer(string Sdp, IReadOnlyList<SdpTrack> Tracks, string RemoteIceUfrag, string RemoteIcePwd, SdpFingerprint RemoteFingerprint)
{
    /// <summary>The accepted video section, or null.</summary>
    public SdpTrack? Video => Tracks.FirstOrDefault(t => t.IsVideo);

    /// <summary>The accepted audio section, or null.</summary>
    public SdpTrack? Audio => Tracks.FirstOrDefault(t => !t.IsVideo);
}
