namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>An a=ssrc (RFC 5576 §4.1) source with its cname when given.</summary>
/// <param name="Ssrc">The synchronisation source.</param>
/// <param name="Cname">The cname attribute, or empty.</param>
public sealed record SdpSsrc(uint Ssrc, string Cname);
