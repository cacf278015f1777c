using Livepeer.Abstractions.Payments;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// Pays one attempt's orchestrator every <see cref="GatewayOptions.PaymentInterval"/> (go-livepeer <c>monitorStream</c> /
/// <c>sendPaymentForStream</c>, protocols §1.7): a fresh token from that orchestrator, then
/// <c>POST /ai/stream/payment</c> with a signed <c>Livepeer</c> header (<c>request</c> = <c>{"stream_id"}</c>,
/// <c>timeout_seconds</c> 70 as upstream) and a <c>Livepeer-Payment</c> for one interval of compute at the token's price.
/// Nothing is sent when the node's scheme sends no payments or the capability is free. Paying one interval per interval
/// on top of the start's <see cref="GatewayOptions.Prepay"/> keeps the stream's balance about one prepay ahead of the
/// orchestrator's debits (this plugin's orchestrators report no balance in tokens, so it cannot be topped up to a target).
/// A failed payment is logged; the orchestrator's own grace period decides what happens to an unpaid stream.
/// </summary>
internal sealed class StreamPayments(GatewayStream stream, Uri orchestrator, StreamServices services)
{
    /// <summary>Upstream's <c>timeout_seconds</c> on payment jobs.</summary>
    public const int JobTimeoutSeconds = 70;

    private static readonly TimeSpan CallTimeout = TimeSpan.FromSeconds(10);

    private long _sent;

    /// <summary>Payments the orchestrator accepted.</summary>
    public long Sent => Interlocked.Read(ref _sent);

    public async Task<string?> RunAsync(CancellationToken cancellationToken)
    {
        if (!services.Payments.Enabled)
        {
            return null;
        }

        var options = services.Options;
        using var timer = new PeriodicTimer(options.PaymentInterval, services.Time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            await PayOnceAsync(cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    /// <summary>One payment; false when nothing was paid.</summary>
    public async Task<bool> PayOnceAsync(CancellationToken cancellationToken)
    {
        var options = services.Options;
        try
        {
            var token = await services.Client.GetTokenAsync(orchestrator, stream.Capability, options.TokenTimeout, cancellationToken).ConfigureAwait(false);
            var payment = await services.Payments.HeaderAsync(token, GatewayPayments.StreamLedger(stream.Capability, stream.Id), options.PaymentInterval, cancellationToken).ConfigureAwait(false);
            if (payment is null)
            {
                return false;
            }

            var job = services.Client.Signer.Sign(stream.Id, stream.RequestJson, "{}", stream.Capability, JobTimeoutSeconds);
            var answer = await services.Client.PostAsync(orchestrator, "ai/stream/payment", job, payment, [], "application/json", CallTimeout, cancellationToken).ConfigureAwait(false);
            if (!answer.IsSuccess)
            {
                GatewayLog.PaymentFailed(services.Logger, stream.Id, orchestrator, answer.Describe());
                return false;
            }

            Interlocked.Increment(ref _sent);
            return true;
        }
        catch (Exception e) when (e is OrchestratorUnavailableException or PaymentException)
        {
            GatewayLog.PaymentFailed(services.Logger, stream.Id, orchestrator, e.Message);
            return false;
        }
    }
}
