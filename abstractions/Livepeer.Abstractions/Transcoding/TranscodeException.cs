namespace Livepeer.Abstractions.Transcoding;

/// <summary>A segment could not be transcoded.</summary>
public sealed class TranscodeException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TranscodeException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public TranscodeException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public TranscodeException()
    {
    }
}
