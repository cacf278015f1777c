using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Xunit;

namespace Livepeer.Conformance.Tests.Discovery;

/// <summary>The kit catches discovery sources that break the contract.</summary>
public sealed class BrokenDiscoverySourceTests
{
    [Fact]
    public async Task KitCatchesDuplicates() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit(known => new NoDedupe(known)).ReturnsEachUriOnce());

    [Fact]
    public async Task KitCatchesIgnoredMaxCandidates() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit(known => new NoLimit(known)).HonoursMaxCandidates());

    [Fact]
    public async Task KitCatchesIgnoredCancellation() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit(known => new NoLimit(known)).CancelledTokenThrows());

    private sealed class Kit(Func<IReadOnlyList<OrchestratorCandidate>, IDiscoverySource> create) : DiscoverySourceConformanceTests
    {
        protected override ValueTask<IDiscoverySource> CreateSourceAsync(IReadOnlyList<OrchestratorCandidate> known) =>
            ValueTask.FromResult(create(known));
    }

    private sealed class NoDedupe(IReadOnlyList<OrchestratorCandidate> known) : IDiscoverySource
    {
        public string Name => "no-dedupe";

        public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<OrchestratorCandidate>>([.. known.Take(query.MaxCandidates)]);
    }

    private sealed class NoLimit(IReadOnlyList<OrchestratorCandidate> known) : IDiscoverySource
    {
        public string Name => "no-limit";

        public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<OrchestratorCandidate>>([.. known.DistinctBy(c => c.ServiceUri)]);
    }
}
