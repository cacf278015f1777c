namespace Livepeer.Abstractions.Byoc;

/// <summary>A <c>Livepeer</c> job header could not be read: bad base64, bad JSON, a missing or out-of-range field.</summary>
public sealed class ByocJobHeaderException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ByocJobHeaderException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public ByocJobHeaderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ByocJobHeaderException()
    {
    }
}
