using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Conformance.Tests.Discovery;

/// <summary>Reference discovery source: a fixed list, deduplicated by URI, in the order given.</summary>
public sealed class StaticDiscoverySource(IEnumerable<OrchestratorCandidate> known) : IDiscoverySource
{
    private readonly IReadOnlyList<OrchestratorCandidate> _known = [.. known.DistinctBy(c => c.ServiceUri)];

    public string Name => "static";

    public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<OrchestratorCandidate>>([.. _known.Take(query.MaxCandidates)]);
    }
}
