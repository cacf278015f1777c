namespace Livepeer.Abstractions.Payments;

/// <summary>A payment could not be created or accepted; the message uses upstream's wording where one exists.</summary>
public sealed class PaymentException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PaymentException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with an inner cause.</summary>
    public PaymentException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with no message.</summary>
    public PaymentException()
    {
    }
}
