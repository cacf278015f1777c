using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Conformance.Tests.Payments;

public sealed class MemoryPaymentReceiverConformanceTests : PaymentReceiverConformanceTests
{
    private uint _nonce;

    protected override IPaymentReceiver CreateReceiver() => new MemoryPaymentReceiver();

    protected override Payment CreatePaymentFor(TicketParams? ticketParams, Price price, EthAddress sender) =>
        MemoryTicketScheme.Write(ticketParams!, price, sender, count: 3, firstNonce: _nonce += 10);
}

public sealed class MemoryPaymentSenderConformanceTests : PaymentSenderConformanceTests
{
    private static readonly EthAddress Gateway = EthAddress.Parse("0x1111111111111111111111111111111111111111");

    protected override IPaymentSender CreateSender() => new MemoryPaymentSender(Gateway);

    protected override OrchestratorInfo CreatePricedOrchestrator(Price price)
    {
        var ticketParams = new MemoryPaymentReceiver().GetTicketParamsAsync(Gateway, price, CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return base.CreatePricedOrchestrator(price) with { TicketParams = ticketParams };
    }
}

public sealed class ReceiverTicketlessDefaultConformanceTests : PaymentReceiverConformanceTests
{
    // The kit's default hook (a ticketless payment) must pass against a metered receiver too.
    protected override IPaymentReceiver CreateReceiver() => new MemoryPaymentReceiver();
}
