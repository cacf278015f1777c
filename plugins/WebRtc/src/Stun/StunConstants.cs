namespace Livepeer.Plugins.WebRtc.Stun;

/// <summary>The STUN message classes (RFC 8489 §5: the C1/C0 bits of the message type).</summary>
public enum StunClass
{
    /// <summary>A request (0b00).</summary>
    Request = 0,

    /// <summary>An indication (0b01).</summary>
    Indication = 1,

    /// <summary>A success response (0b10).</summary>
    SuccessResponse = 2,

    /// <summary>An error response (0b11).</summary>
    ErrorResponse = 3,
}

/// <summary>STUN numbers used by ICE: the method, the magic cookie and the attribute types (RFC 8489 §18.3, RFC 8445 §16.1).</summary>
public static class StunConstants
{
    /// <summary>The Binding method (RFC 8489 §18.2).</summary>
    public const ushort BindingMethod = 0x001;

    /// <summary>The magic cookie, bytes 4–7 of every RFC 5389/8489 message (§5).</summary>
    public const uint MagicCookie = 0x2112A442;

    /// <summary>XORed into the CRC-32 to make FINGERPRINT (RFC 8489 §14.7: "STUN").</summary>
    public const uint FingerprintXor = 0x5354554E;

    /// <summary>Size of the fixed header (§5).</summary>
    public const int HeaderLength = 20;

    /// <summary>USERNAME (§14.3).</summary>
    public const ushort Username = 0x0006;

    /// <summary>MESSAGE-INTEGRITY, HMAC-SHA1 (§14.5).</summary>
    public const ushort MessageIntegrity = 0x0008;

    /// <summary>ERROR-CODE (§14.8).</summary>
    public const ushort ErrorCode = 0x0009;

    /// <summary>UNKNOWN-ATTRIBUTES (§14.9).</summary>
    public const ushort UnknownAttributes = 0x000A;

    /// <summary>XOR-MAPPED-ADDRESS (§14.2).</summary>
    public const ushort XorMappedAddress = 0x0020;

    /// <summary>PRIORITY (RFC 8445 §7.1.1).</summary>
    public const ushort Priority = 0x0024;

    /// <summary>USE-CANDIDATE (RFC 8445 §7.1.2).</summary>
    public const ushort UseCandidate = 0x0025;

    /// <summary>SOFTWARE (§14.14).</summary>
    public const ushort Software = 0x8022;

    /// <summary>FINGERPRINT (§14.7).</summary>
    public const ushort Fingerprint = 0x8028;

    /// <summary>ICE-CONTROLLED (RFC 8445 §7.1.3).</summary>
    public const ushort IceControlled = 0x8029;

    /// <summary>ICE-CONTROLLING (RFC 8445 §7.1.3).</summary>
    public const ushort IceControlling = 0x802A;
}
