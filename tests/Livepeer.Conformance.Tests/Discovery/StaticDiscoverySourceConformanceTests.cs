using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Conformance.Tests.Discovery;

public sealed class StaticDiscoverySourceConformanceTests : DiscoverySourceConformanceTests
{
    protected override ValueTask<IDiscoverySource> CreateSourceAsync(IReadOnlyList<OrchestratorCandidate> known) =>
        ValueTask.FromResult<IDiscoverySource>(new StaticDiscoverySource(known));
}
