using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Storage;

namespace Livepeer.Host.Discovery;

/// <summary>
/// The node database's cache of orchestrators as a discovery source (go-livepeer <c>DBOrchestratorPoolCache.getURLs</c>,
/// §5.4, offchain): every orchestrator written within the last day, untrusted. Offchain there are no rounds, so
/// the "active in the current round" half of upstream's filter does not apply; the pool fills the cache.
/// </summary>
internal sealed class DatabaseDiscoverySource(IOrchestratorStore store, TimeProvider time) : IDiscoverySource
{
    /// <summary>How recently an orchestrator must have been seen.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromDays(1);

    public string Name => DiscoverySourceNames.Database;

    public async ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var known = await store.ListAsync(time.GetUtcNow() - MaxAge, null, cancellationToken).ConfigureAwait(false);
        var seen = new HashSet<Uri>();
        var candidates = new List<OrchestratorCandidate>();
        foreach (var orchestrator in known)
        {
            if (candidates.Count >= query.MaxCandidates)
            {
                break;
            }

            if (orchestrator.ServiceUri.Scheme is not ("https" or "http") || !seen.Add(orchestrator.ServiceUri))
            {
                continue;
            }

            candidates.Add(new OrchestratorCandidate(orchestrator.ServiceUri) { Score = OrchestratorCandidate.Untrusted, Address = orchestrator.Address });
        }

        return candidates;
    }
}
