using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Byoc.Billing;

/// <summary>
/// Money for BYOC, on the node's payment scheme. Balances are kept per stream or job (ledger key
/// <c>byoc/{capability}/{stream or job id}</c>), not per sender and capability as upstream, so two
/// concurrent streams of one sender never pay for each other. With the <c>none</c> scheme (or a free
/// capability) nothing is metered: every check passes and nothing is debited.
/// </summary>
internal sealed class ByocBilling(IPaymentReceiver? receiver, IPaymentCodec? codec)
{
    /// <summary>True when a scheme meters balances (not <c>none</c>).</summary>
    public bool Metered => receiver is not null && receiver.Name != PaymentSchemeNames.None;

    public static string StreamLedger(string capability, string streamId) => $"byoc/{capability}/{streamId}";

    public static string JobLedger(string capability, string jobId) => $"byoc/{capability}/job/{jobId}";

    /// <summary>
    /// Credits the <c>Livepeer-Payment</c> header (when there is one) to (sender, ledger) and returns the
    /// balance; <c>null</c> when not metered.
    /// </summary>
    /// <exception cref="BillingException">The payment is malformed, from another sender, or refused.</exception>
    public async ValueTask<Rational?> CreditAsync(string? paymentHeader, EthAddress sender, string ledgerKey, CancellationToken cancellationToken)
    {
        if (!Metered)
        {
            return null;
        }

        if (!string.IsNullOrWhiteSpace(paymentHeader))
        {
            if (codec is null)
            {
                throw new BillingException("this node cannot decode payments (no payment codec registered)");
            }

            Payment payment;
            try
            {
                payment = codec.Decode(paymentHeader);
            }
            catch (PaymentException e)
            {
                throw new BillingException("invalid payment: " + e.Message, e);
            }

            if (payment.Sender != sender)
            {
                throw new BillingException("the payment's sender is not the job's sender");
            }

            PaymentReceipt receipt;
            try
            {
                receipt = await receiver!.ReceivePaymentAsync(payment, ledgerKey, cancellationToken).ConfigureAwait(false);
            }
            catch (PaymentException e)
            {
                throw new BillingException("payment refused: " + e.Message, e);
            }

            if (!receipt.Accepted && receipt.TicketsAccepted == 0)
            {
                throw new BillingException("payment refused: " + receipt.Error);
            }
        }

        return await receiver!.GetBalanceAsync(sender, ledgerKey, cancellationToken).ConfigureAwait(false) ?? Rational.Zero;
    }

    /// <summary>True when <paramref name="balance"/> pays for <paramref name="seconds"/> of compute at <paramref name="price"/> (always when not metered).</summary>
    public static bool Covers(Rational? balance, Price price, TimeSpan seconds) =>
        balance is not { } b || price.IsFree || b >= price.CostOf(WholeSeconds(seconds));

    /// <summary>Debits <paramref name="elapsed"/> of compute (whole seconds, rounded up as upstream) and returns the new balance; <c>null</c> when not metered.</summary>
    public async ValueTask<Rational?> DebitAsync(EthAddress sender, string ledgerKey, Price price, TimeSpan elapsed, CancellationToken cancellationToken)
    {
        if (!Metered)
        {
            return null;
        }

        if (price.IsFree)
        {
            return await receiver!.GetBalanceAsync(sender, ledgerKey, cancellationToken).ConfigureAwait(false);
        }

        return await receiver!.DebitAsync(sender, ledgerKey, price.CostOf(WholeSeconds(elapsed)), cancellationToken).ConfigureAwait(false);
    }

    public ValueTask<Rational?> BalanceAsync(EthAddress sender, string ledgerKey, CancellationToken cancellationToken) =>
        Metered ? receiver!.GetBalanceAsync(sender, ledgerKey, cancellationToken) : ValueTask.FromResult<Rational?>(null);

    /// <summary>The ticket parameters a gateway pays this capability with; <c>null</c> offchain.</summary>
    public ValueTask<TicketParams?> TicketParamsAsync(EthAddress sender, Price price, CancellationToken cancellationToken) =>
        receiver is null ? ValueTask.FromResult<TicketParams?>(null) : receiver.GetTicketParamsAsync(sender, price, cancellationToken);

    /// <summary>The <c>Livepeer-Balance</c> text: the whole wei, floored (upstream <c>FloatString(0)</c> truncates toward zero; floor is exact).</summary>
    public static string BalanceText(Rational? balance) => (balance ?? Rational.Zero).Floor().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static Rational WholeSeconds(TimeSpan elapsed) => elapsed <= TimeSpan.Zero ? Rational.Zero : (elapsed.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
}

/// <summary>A payment could not be taken; the client gets 400 with the message.</summary>
internal sealed class BillingException : Exception
{
    public BillingException(string message)
        : base(message)
    {
    }

    public BillingException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public BillingException()
    {
    }
}
