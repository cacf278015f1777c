using System.Numerics;

namespace Livepeer.Abstractions.Payments;

/// <summary>
/// A sender's funds on the TicketBroker (go-livepeer <c>pm.SenderInfo</c> + <c>ReserveInfo</c>), in wei.
/// </summary>
/// <param name="Deposit">The sender's deposit, from which winning tickets are paid first.</param>
/// <param name="ReserveFundsRemaining">The reserve still available to orchestrators.</param>
/// <param name="ReserveClaimedInCurrentRound">Reserve already claimed in the current round.</param>
/// <param name="WithdrawRound">Round at which the sender may withdraw (0 = not unlocking).</param>
public sealed record SenderFunds(
    BigInteger Deposit,
    BigInteger ReserveFundsRemaining,
    BigInteger ReserveClaimedInCurrentRound,
    long WithdrawRound)
{
    /// <summary>A sender the broker has never seen: no deposit, no reserve.</summary>
    public static SenderFunds None { get; } = new(BigInteger.Zero, BigInteger.Zero, BigInteger.Zero, 0);
}
