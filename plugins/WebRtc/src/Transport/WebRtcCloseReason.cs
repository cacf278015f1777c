namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>Why a transport closed.</summary>
public enum WebRtcCloseReason
{
    /// <summary>The owner disposed it.</summary>
    Disposed,

    /// <summary>No valid ICE check arrived within the consent timeout (RFC 7675 consent freshness).</summary>
    ConsentExpired,

    /// <summary>The DTLS handshake failed, timed out, or the peer's certificate did not match its fingerprint.</summary>
    HandshakeFailed,

    /// <summary>The peer closed DTLS (close_notify or a fatal alert).</summary>
    PeerClosed,
}
