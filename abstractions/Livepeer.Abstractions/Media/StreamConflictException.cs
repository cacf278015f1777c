namespace Livepeer.Abstractions.Media;

/// <summary>A stream id is already in use.</summary>
public sealed class StreamConflictException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StreamConflictException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public StreamConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public StreamConflictException()
    {
    }
}
