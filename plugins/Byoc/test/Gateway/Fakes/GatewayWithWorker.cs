using Livepeer.Abstractions.Payments;
using Livepeer.Plugins.Byoc.Tests.Fakes;

namespace Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;

/// <summary>The usual stream test setup: one passthrough worker registered on one real orchestrator, and a gateway that finds it.</summary>
internal sealed class GatewayWithWorker : IAsyncDisposable
{
    private GatewayWithWorker(PassthroughWorker worker, OrchestratorNode orchestrator, GatewayNode gateway)
    {
        Worker = worker;
        Orchestrator = orchestrator;
        Gateway = gateway;
    }

    public PassthroughWorker Worker { get; }

    public OrchestratorNode Orchestrator { get; }

    public GatewayNode Gateway { get; }

    /// <summary>Starts the three; the capability is <paramref name="capability"/> at <paramref name="price"/> wei per second.</summary>
    public static async Task<GatewayWithWorker> StartAsync(
        Dictionary<string, string?>? settings = null, string capability = "echo", long price = 0, IPaymentSender? payments = null, RecordingEgress? egress = null)
    {
        var verifier = new FakeVerifier();
        var worker = await PassthroughWorker.StartAsync();
        var orchestrator = await OrchestratorNode.StartAsync(verifier, metered: payments is not null);
        await orchestrator.RegisterAsync(worker.Url, capability, price: price);
        var gateway = await GatewayNode.StartAsync(verifier, [orchestrator], settings, payments, egress);
        if (egress is not null)
        {
            egress.Hub = gateway.Hub;
        }

        return new GatewayWithWorker(worker, orchestrator, gateway);
    }

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Orchestrator.DisposeAsync();
        await Worker.DisposeAsync();
    }
}
