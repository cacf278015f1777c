using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Discovery;

/// <summary>A source of candidate orchestrators: a fixed list, a webhook, the node database, the chain.</summary>
public interface IDiscoverySource : INamedExtension
{
    /// <summary>
    /// The orchestrators this source knows, at most <see cref="DiscoveryQuery.MaxCandidates"/>, each URI
    /// once. A source that cannot refresh returns what it last knew rather than failing.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken);
}
