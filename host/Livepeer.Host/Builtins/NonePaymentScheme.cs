using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Host.Builtins;

/// <summary>
/// The offchain scheme (<c>none</c>), as go-livepeer behaves with no Ethereum node: the gateway sends no
/// payment, the orchestrator issues no ticket parameters, accepts everything and meters nothing.
/// </summary>
internal sealed class NonePaymentSender : IPaymentSender
{
    public string Name => PaymentSchemeNames.None;

    public ValueTask<Payment?> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<Payment?>(null);
    }
}

/// <summary>The receiving side of <see cref="NonePaymentSender"/>.</summary>
internal sealed class NonePaymentReceiver : IPaymentReceiver
{
    public string Name => PaymentSchemeNames.None;

    public ValueTask<TicketParams?> GetTicketParamsAsync(EthAddress sender, Price price, CancellationToken cancellationToken) =>
        ValueTask.FromResult<TicketParams?>(null);

    public ValueTask<PaymentReceipt> ReceivePaymentAsync(Payment payment, string ledgerKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payment);
        return ValueTask.FromResult(new PaymentReceipt(Rational.Zero, 0, 0));
    }

    public ValueTask<Rational?> GetBalanceAsync(EthAddress sender, string ledgerKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Rational?>(null);

    public ValueTask<Rational?> DebitAsync(EthAddress sender, string ledgerKey, Rational amount, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Rational?>(null);
}
