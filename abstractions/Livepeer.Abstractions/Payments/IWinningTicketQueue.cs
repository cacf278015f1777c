namespace Livepeer.Abstractions.Payments;

/// <summary>
/// Where an orchestrator's winning tickets go. <see cref="EnqueueAsync"/> returns only once the
/// ticket is durable (written to the node database, or accepted by a remote redeemer that wrote
/// it), so a payment is never acknowledged for a ticket that a crash could lose.
/// </summary>
public interface IWinningTicketQueue
{
    /// <summary>Persists a winning ticket for later redemption.</summary>
    ValueTask EnqueueAsync(WinningTicket ticket, CancellationToken cancellationToken);
}
