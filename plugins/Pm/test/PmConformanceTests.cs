using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>The kit's receiver facts, paid with real tickets signed by the gateway key.</summary>
public sealed class PmReceiverConformanceTests : PaymentReceiverConformanceTests
{
    protected override EthAddress Sender => TestKeys.Gateway.Address;

    protected override EthAddress OtherSender => TestKeys.Mallory.Address;

    protected override IPaymentReceiver CreateReceiver() => new Harness().Receiver;

    protected override Payment CreatePaymentFor(TicketParams? ticketParams, Price price, EthAddress sender)
    {
        Assert.NotNull(ticketParams);
        var account = sender == TestKeys.Mallory.Address ? TestKeys.Mallory : TestKeys.Gateway;
        return new Payment(sender, price)
        {
            TicketParams = ticketParams,
            ExpirationParams = ticketParams.ExpirationParams,
            Tickets = [Harness.Sign(account, ticketParams, ticketParams.ExpirationParams!, sender, 1), Harness.Sign(account, ticketParams, ticketParams.ExpirationParams!, sender, 2)],
        };
    }
}

/// <summary>The kit's sender facts, against params a real receiver issued.</summary>
public sealed class PmSenderConformanceTests : PaymentSenderConformanceTests
{
    private readonly Harness _harness = new();

    protected override IPaymentSender CreateSender() => _harness.Sender;

    protected override OrchestratorInfo CreatePricedOrchestrator(Price price) =>
        new(new Uri("https://priced.example:8935"))
        {
            Price = price,
            Address = Harness.OrchestratorAddress,
            TicketParams = _harness.Receiver.GetTicketParamsAsync(Harness.GatewayAddress, price, CancellationToken.None).AsTask().GetAwaiter().GetResult(),
        };
}
