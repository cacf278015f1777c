using Livepeer.Plugins.Byoc.Gateway.Orchestrators;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;

namespace Livepeer.Plugins.Byoc.Tests.Gateway;

/// <summary>A gateway stream pays its orchestrator: the prepay with the start, then one interval of compute on each tick of the gateway's clock.</summary>
public sealed class GatewayStreamPaymentTests
{
    [Fact]
    public async Task A_priced_stream_prepays_then_pays_every_interval_on_the_gateway_clock()
    {
        var sender = new TestPaymentSender(GatewayNode.Address);
        await using var setup = await GatewayWithWorker.StartAsync(settings: new() { ["EventsTimeout"] = "1h", ["SignatureFormat"] = "v1" }, capability: "paid", price: 10, payments: sender);
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);

        // No video in: the ingest timeout does not apply while the clock runs ahead.
        var id = (await gateway.StartStreamAsync("paid", parameters: """{"enable_data_output":true}""")).GetProperty("stream_id").GetString()!;
        await GatewayStreamTests.WaitRunningAsync(gateway, id);
        var ledger = GatewayPayments.StreamLedger("paid", id);
        var prepay = Assert.Single(sender.Requests);
        Assert.Equal(ledger, prepay.LedgerKey);
        Assert.Equal((Abstractions.Rational)600, prepay.Fee); // 10 wei/s × 60 s
        Assert.Equal(600, (long)orchestrator.Ledger!.Balance(GatewayNode.Address, ledger).Floor());

        gateway.Clock.Advance(TimeSpan.FromSeconds(49));
        await Task.Delay(200);
        Assert.Single(sender.Requests); // not yet

        gateway.Clock.Advance(TimeSpan.FromSeconds(1));
        await Wait.UntilAsync(() => orchestrator.Ledger.Balance(GatewayNode.Address, ledger) >= 1100, "the first interval's payment credited");
        Assert.Equal(2, sender.Requests.Count);
        Assert.Equal((Abstractions.Rational)500, sender.Requests.Last().Fee); // 10 wei/s × 50 s
        Assert.Equal(orchestrator.Url, sender.Requests.Last().Orchestrator.ServiceUri);

        gateway.Clock.Advance(TimeSpan.FromSeconds(50));
        await Wait.UntilAsync(() => orchestrator.Ledger.Balance(GatewayNode.Address, ledger) >= 1600, "the second interval's payment credited");
        Assert.Equal(2, (await gateway.StatusAsync(id)).GetProperty("payments").GetInt32());

        using var stop = await gateway.PostAsync($"process/stream/{id}/stop", null, "{}");
        await gateway.AssertNothingOpenAsync();
        gateway.Clock.Advance(TimeSpan.FromSeconds(50));
        await Task.Delay(200);
        Assert.Equal(3, sender.Requests.Count); // nothing paid after the stop
    }

    [Fact]
    public async Task A_free_stream_sends_no_payments()
    {
        var sender = new TestPaymentSender(GatewayNode.Address);
        await using var setup = await GatewayWithWorker.StartAsync(settings: new() { ["EventsTimeout"] = "1h" }, capability: "free", payments: sender);
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);
        var id = (await gateway.StartStreamAsync("free", parameters: "{}")).GetProperty("stream_id").GetString()!;
        await GatewayStreamTests.WaitRunningAsync(gateway, id);

        gateway.Clock.Advance(TimeSpan.FromSeconds(120));
        await Task.Delay(300);
        Assert.Empty(sender.Requests);
        Assert.Equal(0, (await gateway.StatusAsync(id)).GetProperty("payments").GetInt32());
    }
}
