using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Conformance.Tests.Payments;

/// <summary>Reference sender for <see cref="MemoryPaymentReceiver"/>: enough tickets to cover the fee, nonces never reused.</summary>
public sealed class MemoryPaymentSender(EthAddress sender) : IPaymentSender
{
    private uint _nextNonce;

    public string Name => MemoryTicketScheme.Name;

    public ValueTask<Payment?> CreatePaymentAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var price = request.Orchestrator.Price ?? Price.Free;
        if (request.Orchestrator.TicketParams is not { } ticketParams)
        {
            return price.IsFree
                ? ValueTask.FromResult<Payment?>(new Payment(sender, price))
                : throw new PaymentException("missing ticket params");
        }

        var count = MemoryTicketScheme.TicketsFor(request.Fee, ticketParams.ExpectedValue);
        var first = Interlocked.Add(ref _nextNonce, (uint)count) - (uint)count;
        return ValueTask.FromResult<Payment?>(MemoryTicketScheme.Write(ticketParams, price, sender, count, first));
    }
}
