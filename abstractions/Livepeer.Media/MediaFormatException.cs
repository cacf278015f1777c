namespace Livepeer.Media;

/// <summary>
/// Malformed media input. Every parser in this assembly reports bad input with this type (never an
/// index or null-reference exception), so protocol code can drop the input and keep the connection's
/// other streams running.
/// </summary>
public class MediaFormatException : Exception
{
    /// <summary>Creates the exception.</summary>
    public MediaFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public MediaFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public MediaFormatException()
    {
    }
}
