using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Ice;

namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>What the transport needs from the remote offer: its ICE credentials and its certificate fingerprint.</summary>
/// <param name="Ice">The offer's <c>a=ice-ufrag</c> and <c>a=ice-pwd</c>.</param>
/// <param name="Fingerprint">The offer's <c>a=fingerprint</c>; the DTLS client's certificate must match it.</param>
public sealed record WebRtcRemotePeer(IceCredentials Ice, DtlsFingerprint Fingerprint);
