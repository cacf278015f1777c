namespace Livepeer.Abstractions.Channels;

/// <summary>Why a JSON message read from a segment was refused.</summary>
public enum SegmentJsonError
{
    /// <summary>The message (or line) is larger than the limit; reading stopped at the limit.</summary>
    TooLarge,

    /// <summary>The bytes are not one valid JSON document (or not UTF-8).</summary>
    Malformed,

    /// <summary>The segment ended inside a JSON document.</summary>
    Truncated,
}

/// <summary>A segment held no acceptable JSON message; <see cref="Error"/> says why.</summary>
public sealed class SegmentJsonException : SegmentChannelException
{
    /// <summary>Creates the exception.</summary>
    public SegmentJsonException(SegmentJsonError error, string message, Exception? innerException = null)
        : base(message, innerException ?? new InvalidDataException(message))
    {
        Error = error;
    }

    /// <summary>Creates a <see cref="SegmentJsonError.Malformed"/> exception.</summary>
    public SegmentJsonException(string message)
        : this(SegmentJsonError.Malformed, message)
    {
    }

    /// <summary>Creates a <see cref="SegmentJsonError.Malformed"/> exception with an inner cause.</summary>
    public SegmentJsonException(string message, Exception innerException)
        : this(SegmentJsonError.Malformed, message, innerException)
    {
    }

    /// <summary>Creates a <see cref="SegmentJsonError.Malformed"/> exception with no message.</summary>
    public SegmentJsonException()
        : this(SegmentJsonError.Malformed, "The segment holds no valid JSON message.")
    {
    }

    /// <summary>Why the message was refused.</summary>
    public SegmentJsonError Error { get; }
}
