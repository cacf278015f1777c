namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>An a=extmap (RFC 8285 §7): header-extension id and URI.</summary>
/// <param name="Id">Extension id (1–14 one-byte, up to 255 two-byte).</param>
/// <param name="Uri">Extension URI.</param>
public sealed record SdpExtmap(int Id, string Uri);
