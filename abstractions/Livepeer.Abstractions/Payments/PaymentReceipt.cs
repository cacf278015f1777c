namespace Livepeer.Abstractions.Payments;

/// <summary>The outcome of receiving a payment.</summary>
/// <param name="Credited">Wei credited to the sender's balance (the EV of the accepted tickets).</param>
/// <param name="TicketsAccepted">Tickets credited.</param>
/// <param name="WinningTickets">Winning tickets among them, already persisted for redemption.</param>
public sealed record PaymentReceipt(Rational Credited, int TicketsAccepted, int WinningTickets)
{
    /// <summary>Why some or all of the payment was refused, in upstream's words; null when all was accepted.</summary>
    public string? Error { get; init; }

    /// <summary>True when the whole payment was accepted.</summary>
    public bool Accepted => Error is null;
}
