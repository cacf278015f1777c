namespace Livepeer.Abstractions.Payments;

/// <summary>Names of the shipped payment schemes.</summary>
public static class PaymentSchemeNames
{
    /// <summary>Offchain: nothing is charged (the default).</summary>
    public const string None = "none";

    /// <summary>Probabilistic micropayment tickets, wire-compatible with go-livepeer.</summary>
    public const string ProbabilisticMicropayments = "pm";
}
