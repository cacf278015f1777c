namespace Livepeer.Plugins.WebRtc.Stun;

/// <summary>Why bytes are not a well-formed STUN message.</summary>
public enum StunFormatError
{
    /// <summary>Shorter than the 20-byte header.</summary>
    TooShort,

    /// <summary>The two top bits are not zero or the magic cookie is wrong (RFC 8489 §5): not STUN.</summary>
    NotStun,

    /// <summary>The header's length is not a multiple of 4 or does not match the datagram (§5).</summary>
    BadLength,

    /// <summary>An attribute runs past the end of the message (§14).</summary>
    TruncatedAttribute,

    /// <summary>More attributes than the parser accepts.</summary>
    TooManyAttributes,

    /// <summary>An attribute follows FINGERPRINT, or FINGERPRINT/MESSAGE-INTEGRITY has the wrong size (§14.5, §14.7).</summary>
    BadIntegrityPlacement,

    /// <summary>A known attribute's value is malformed (address family, lengths, UTF-8).</summary>
    BadAttribute,
}

/// <summary>Bytes that are not a well-formed STUN message; <see cref="Error"/> says why.</summary>
public sealed class StunFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StunFormatException()
        : this(StunFormatError.NotStun, "not a STUN message")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public StunFormatException(string message)
        : this(StunFormatError.NotStun, message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public StunFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    public StunFormatException(StunFormatError error, string message)
        : base(message) => Error = error;

    /// <summary>What was wrong.</summary>
    public StunFormatError Error { get; }
}
