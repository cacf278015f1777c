using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Configuration;
using Livepeer.Host.Gateway;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Gateway;

/// <summary>The pool as plugins see it: capability filtering, exclusions, the count asked for.</summary>
public sealed class OrchestratorDirectoryTests
{
    [Fact]
    public async Task Finds_only_orchestrators_offering_the_byoc_capability_and_leaves_out_the_excluded()
    {
        // 0 and 2 offer "tint", 1 offers another capability, 3 offers nothing beyond transcoding.
        await using var fakes = await FakeOrchestrators.StartAsync(4, (i, self, _, _) =>
        {
            var info = FakeOrchestrators.Info(self);
            info.Capabilities = i switch
            {
                0 or 2 => Byoc("tint"),
                1 => Byoc("other"),
                _ => new Net.Capabilities(),
            };
            return Task.FromResult(info);
        });
        using var http = GrpcClient.CreateHttpClient();
        var directory = new OrchestratorDirectory(PoolHarness.Create(fakes.Uris, http));

        var tint = await directory.FindAsync(new OrchestratorSearch { Required = OrchestratorSearch.ForByoc("tint") }, CancellationToken.None);
        Assert.Equal(new[] { fakes.Uris[0], fakes.Uris[2] }.Select(u => u.ToString()).Order(), tint.Select(i => i.ServiceUri.ToString()).Order());

        var excluded = await directory.FindAsync(
            new OrchestratorSearch { Required = OrchestratorSearch.ForByoc("tint"), Excluded = new HashSet<Uri> { fakes.Uris[0] } }, CancellationToken.None);
        Assert.Equal([fakes.Uris[2]], excluded.Select(i => i.ServiceUri));

        var one = await directory.FindAsync(new OrchestratorSearch { Count = 1, Required = OrchestratorSearch.ForByoc("tint") }, CancellationToken.None);
        Assert.Single(one);

        Assert.Empty(await directory.FindAsync(new OrchestratorSearch { Required = OrchestratorSearch.ForByoc("nobody") }, CancellationToken.None));
    }

    // What this node's orchestrator advertises for one BYOC capability (AuthToken mandatory), through the real mapping.
    private static Net.Capabilities Byoc(string name) =>
        NetMapping.ToProto(new OrchestratorOffer(new NodeOptions(), [], [new OneCapability(name)]).Capabilities());

    private sealed class OneCapability(string name) : IOrchestratorCapabilitySource
    {
        public IReadOnlyList<OfferedCapability> GetOfferedCapabilities() => [new(Capability.Byoc, name, 1, new Price(0, 1))];
    }
}
