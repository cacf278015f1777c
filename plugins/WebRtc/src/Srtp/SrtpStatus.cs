namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>The outcome of unprotecting one packet.</summary>
public enum SrtpStatus
{
    /// <summary>Authentic; the plain packet was written.</summary>
    Ok,

    /// <summary>Too short, not RTP/RTCP version 2, or a header that runs past the packet.</summary>
    Malformed,

    /// <summary>The authentication tag did not match (RFC 3711 §3.3 step 5: discard).</summary>
    AuthenticationFailed,

    /// <summary>Already received, or older than the replay window (§3.3.2).</summary>
    Replayed,

    /// <summary>A new SSRC beyond the number of streams a context tracks.</summary>
    TooManyStreams,
}
