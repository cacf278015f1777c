using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Payments;

/// <summary>
/// The orchestrator side of a payment scheme: issues ticket parameters, validates and credits payments,
/// and keeps the per-sender balances that work is debited from.
/// </summary>
/// <remarks>
/// A <c>null</c> balance means the scheme does not meter (offchain): callers then never refuse work for
/// lack of funds. A metered scheme answers 0 for a ledger it has never seen; a debit may take the balance
/// below zero (as upstream allows: the caller decides what a negative balance means). Money is exact
/// (<see cref="Rational"/>) and a credit is durable before it is returned.
/// </remarks>
public interface IPaymentReceiver : INamedExtension
{
    /// <summary>Ticket parameters for <paramref name="sender"/> at <paramref name="price"/>; <c>null</c> when the scheme needs none.</summary>
    ValueTask<TicketParams?> GetTicketParamsAsync(EthAddress sender, Price price, CancellationToken cancellationToken);

    /// <summary>Validates <paramref name="payment"/> and credits the accepted part to (sender, <paramref name="ledgerKey"/>).</summary>
    ValueTask<PaymentReceipt> ReceivePaymentAsync(Payment payment, string ledgerKey, CancellationToken cancellationToken);

    /// <summary>The balance of (sender, <paramref name="ledgerKey"/>) in wei; <c>null</c> when not metered.</summary>
    ValueTask<Rational?> GetBalanceAsync(EthAddress sender, string ledgerKey, CancellationToken cancellationToken);

    /// <summary>Debits <paramref name="amount"/> and returns the new balance; <c>null</c> when not metered.</summary>
    ValueTask<Rational?> DebitAsync(EthAddress sender, string ledgerKey, Rational amount, CancellationToken cancellationToken);
}
