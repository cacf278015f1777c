using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>What every <see cref="IPaymentSender"/> (the gateway side of a payment scheme) must do.</summary>
public abstract class PaymentSenderConformanceTests : ConformanceTestBase
{
    /// <summary>The ledger key used by the facts.</summary>
    protected const string LedgerKey = "conformance-manifest";

    /// <summary>Creates the sender under test.</summary>
    protected abstract IPaymentSender CreateSender();

    /// <summary>
    /// The info of a priced orchestrator the sender is willing to pay. The default has an address and
    /// the price but no ticket parameters; a ticket scheme overrides it to add ones its sender accepts.
    /// </summary>
    protected virtual OrchestratorInfo CreatePricedOrchestrator(Price price) =>
        new(new Uri("https://priced.example:8935"))
        {
            Price = price,
            Address = EthAddress.Parse("0x00000000000000000000000000000000000000aa"),
        };

    /// <summary>The sender has a name to be configured by.</summary>
    [Fact]
    public void NameIsNotEmpty() => Assert.False(string.IsNullOrWhiteSpace(CreateSender().Name));

    /// <summary>A free orchestrator without ticket parameters can be "paid" without error.</summary>
    [Fact]
    public async Task FreeOrchestratorNeedsNoTicketParams()
    {
        var info = new OrchestratorInfo(new Uri("https://free.example:8935")) { Price = Price.Free };

        var payment = await Within(CreateSender().CreatePaymentAsync(new PaymentRequest(info, LedgerKey, Rational.Zero), CancellationToken.None));

        if (payment is not null)
        {
            Assert.Equal(Price.Free, payment.ExpectedPrice);
            Assert.Empty(payment.Tickets);
        }
    }

    /// <summary>A payment carries the orchestrator's price, and tickets only with the parameters they were written against.</summary>
    [Fact]
    public async Task PaymentCarriesTheOrchestratorsPrice()
    {
        var price = new Price(3, 2);
        var info = CreatePricedOrchestrator(price);
        var sender = CreateSender();

        for (var i = 0; i < 3; i++)
        {
            var fee = price.CostOf(1_000_000);
            var payment = await Within(sender.CreatePaymentAsync(new PaymentRequest(info, LedgerKey, fee), CancellationToken.None));
            if (payment is null)
            {
                continue;
            }

            Assert.Equal(price, payment.ExpectedPrice);
            if (payment.Tickets.Count > 0)
            {
                Assert.NotNull(payment.TicketParams);
                Assert.All(payment.Tickets, t => Assert.Equal(65, t.Signature.Length));
                Assert.Equal(payment.Tickets.Count, payment.Tickets.Select(t => t.SenderNonce).Distinct().Count());
            }
        }
    }
}
