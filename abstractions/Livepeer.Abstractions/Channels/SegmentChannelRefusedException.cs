namespace Livepeer.Abstractions.Channels;

/// <summary>
/// A hook refused a remote channel request; the server answers <see cref="StatusCode"/> with the message.
/// Any other exception from a hook answers 500.
/// </summary>
public sealed class SegmentChannelRefusedException : SegmentChannelException
{
    /// <summary>Creates the refusal; status codes outside 400–499 become 400.</summary>
    public SegmentChannelRefusedException(int statusCode, string message)
        : base(message)
    {
        StatusCode = statusCode is >= 400 and < 500 ? statusCode : 400;
    }

    /// <summary>Creates a 400 refusal.</summary>
    public SegmentChannelRefusedException(string message)
        : this(400, message)
    {
    }

    /// <summary>Creates a 400 refusal with an inner cause.</summary>
    public SegmentChannelRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        StatusCode = 400;
    }

    /// <summary>Creates a 400 refusal with no message.</summary>
    public SegmentChannelRefusedException()
    {
        StatusCode = 400;
    }

    /// <summary>The HTTP status to answer (4xx).</summary>
    public int StatusCode { get; }
}
