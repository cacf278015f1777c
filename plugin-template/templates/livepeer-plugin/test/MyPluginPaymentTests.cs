using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace MyPlugin.Tests;

/// <summary>The conformance kit's facts for the gateway side of the scheme.</summary>
public sealed class MyPluginPaymentSenderTests : PaymentSenderConformanceTests
{
    protected override IPaymentSender CreateSender() => new MyPluginPaymentSender(MyPluginPaymentSender.DefaultAddress);
}

/// <summary>The conformance kit's facts for the orchestrator side, plus the allowance rules.</summary>
public sealed class MyPluginPaymentReceiverTests : PaymentReceiverConformanceTests
{
    protected override IPaymentReceiver CreateReceiver() => new MyPluginPaymentReceiver(1000);

    [Fact]
    public async Task EachSenderIsCreditedItsAllowanceOnce()
    {
        var receiver = CreateReceiver();

        var first = await PayAsync(receiver, Sender, LedgerKey);
        var second = await PayAsync(receiver, Sender, "another-stream");

        Assert.Equal(new Rational(1000, 1), first.Credited);
        Assert.Equal(Rational.Zero, second.Credited);
        Assert.Equal(new Rational(1000, 1), await receiver.GetBalanceAsync(Sender, LedgerKey, CancellationToken.None));
    }

    [Fact]
    public async Task SenderAndReceiverWorkTogether()
    {
        var sender = new MyPluginPaymentSender(Sender);
        var receiver = CreateReceiver();
        var orchestrator = new OrchestratorInfo(new Uri("https://o.example:8935")) { Price = TestPrice };

        var payment = await sender.CreatePaymentAsync(new PaymentRequest(orchestrator, LedgerKey, 10), CancellationToken.None);
        var receipt = await receiver.ReceivePaymentAsync(payment!, LedgerKey, CancellationToken.None);

        Assert.True(receipt.Accepted, receipt.Error);
        Assert.Equal(new Rational(1000 - 10, 1), await receiver.DebitAsync(Sender, LedgerKey, 10, CancellationToken.None));
    }
}
