using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Byoc.Gateway.Orchestrators;

/// <summary>
/// The <c>Livepeer-Payment</c> header for compute bought from an orchestrator, on the node's payment scheme
/// (<c>-paymentScheme</c>; <c>none</c> sends nothing). The fee is exact: the token's price per second × whole seconds.
/// Ledger keys are per stream or job (<c>byoc/{capability}/{id}</c>), as this plugin's orchestrator keeps balances.
/// </summary>
internal sealed class GatewayPayments(IPaymentSender? sender, IPaymentCodec? codec)
{
    /// <summary>True when a scheme that sends payments is configured.</summary>
    public bool Enabled => sender is not null && codec is not null && sender.Name != PaymentSchemeNames.None;

    public static string StreamLedger(string capability, string streamId) => $"byoc/{capability}/{streamId}";

    public static string JobLedger(string capability, string jobId) => $"byoc/{capability}/job/{jobId}";

    /// <summary>True when <paramref name="token"/>'s work is paid for at all.</summary>
    public bool Charges(OrchestratorToken token) => Enabled && !token.Price.IsFree;

    /// <summary>The header paying for <paramref name="seconds"/> of compute; <c>null</c> when nothing is to be paid.</summary>
    /// <exception cref="PaymentException">The scheme refuses the orchestrator's ticket parameters or price.</exception>
    public async ValueTask<string?> HeaderAsync(OrchestratorToken token, string ledgerKey, TimeSpan seconds, CancellationToken cancellationToken)
    {
        if (!Charges(token))
        {
            return null;
        }

        var fee = token.Price.CostOf(WholeSeconds(seconds));
        var payment = await sender!.CreatePaymentAsync(new PaymentRequest(token.Info, ledgerKey, fee), cancellationToken).ConfigureAwait(false);
        return payment is null ? null : codec!.Encode(payment);
    }

    private static Rational WholeSeconds(TimeSpan span) => span <= TimeSpan.Zero ? Rational.Zero : (span.Ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
}
