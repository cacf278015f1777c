using System.Numerics;

namespace Livepeer.Abstractions.Payments;

/// <summary>
/// The TicketBroker as the payment scheme sees it: sender funds, chain state and redemption.
/// The host ships an embedded broker backed by the node database (configured deposits and
/// reserves, a clock-driven block and round counter); an on-chain broker implements the same.
/// </summary>
public interface ITicketBroker
{
    /// <summary>The sender's deposit and reserve (<see cref="SenderFunds.None"/> for an unknown sender).</summary>
    ValueTask<SenderFunds> GetSenderFundsAsync(EthAddress sender, CancellationToken cancellationToken);

    /// <summary>Reserve of <paramref name="sender"/> already claimed by <paramref name="claimant"/> this round.</summary>
    ValueTask<BigInteger> GetClaimedReserveAsync(EthAddress sender, EthAddress claimant, CancellationToken cancellationToken);

    /// <summary>The current block, round and gas price.</summary>
    ValueTask<ChainState> GetChainStateAsync(CancellationToken cancellationToken);

    /// <summary>Whether a ticket with this hash was already redeemed.</summary>
    ValueTask<bool> IsUsedTicketAsync(Hash32 ticketHash, CancellationToken cancellationToken);

    /// <summary>
    /// Redeems a winning ticket: pays its face value from the sender's deposit, then reserve.
    /// Throws <see cref="PaymentException"/> with a message upstream would give for a final failure
    /// (for example "ticket is used" or "transaction failed").
    /// </summary>
    ValueTask RedeemWinningTicketAsync(WinningTicket ticket, CancellationToken cancellationToken);
}
