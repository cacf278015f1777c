namespace Livepeer.Plugins.WebRtc.Ice;

/// <summary>What the ICE-lite agent made of one STUN datagram.</summary>
public enum IceCheckOutcome
{
    /// <summary>A valid binding request: answered with a success response, the source address validated.</summary>
    Accepted,

    /// <summary>Not parsable as STUN, or FINGERPRINT missing or wrong (RFC 8445 §7.2.2 requires it): dropped silently.</summary>
    Dropped,

    /// <summary>Not a binding request (responses, indications): ignored, as a lite agent sends no checks.</summary>
    Ignored,

    /// <summary>Missing USERNAME or MESSAGE-INTEGRITY: answered 400 (RFC 8489 §9.1.3).</summary>
    BadRequest,

    /// <summary>Wrong ufrag or failed integrity: answered 401 (RFC 8489 §9.1.3, RFC 8445 §7.3).</summary>
    Unauthorized,

    /// <summary>The peer also claims the controlled role: answered 487 so it takes the controlling role (RFC 8445 §7.3.1.1).</summary>
    RoleConflict,
}
