namespace Livepeer.Abstractions.Channels;

/// <summary>A channel operation was refused (limit reached, invalid name, segment too large).</summary>
public class SegmentChannelException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SegmentChannelException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public SegmentChannelException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public SegmentChannelException()
    {
    }
}

/// <summary>No channel of that name exists (or it was deleted).</summary>
public sealed class SegmentChannelNotFoundException : SegmentChannelException
{
    /// <summary>Creates the exception for a channel name.</summary>
    public SegmentChannelNotFoundException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public SegmentChannelNotFoundException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public SegmentChannelNotFoundException()
    {
    }
}
