namespace Livepeer.Abstractions.Byoc;

/// <summary>A capability has no free capacity for another job or stream.</summary>
public sealed class ByocCapacityException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ByocCapacityException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public ByocCapacityException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public ByocCapacityException()
    {
    }
}
