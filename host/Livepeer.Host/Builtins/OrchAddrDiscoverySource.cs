using Livepeer.Abstractions;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Builtins;

/// <summary>
/// The operator's fixed <c>-orchAddr</c> list (trusted, score 1.0). With no list on a node that also runs
/// an orchestrator, the list is that orchestrator: a network of one for a new user.
/// </summary>
internal sealed class OrchAddrDiscoverySource(NodeOptions options, INodeAddresses addresses) : IDiscoverySource
{
    public string Name => DiscoverySourceNames.OrchAddr;

    public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        IEnumerable<Uri> uris = options.OrchAddr;
        if (options.OrchAddr.Count == 0 && options.Roles.HasFlag(Abstractions.NodeRoles.Orchestrator) &&
            addresses.GetBaseUri(NodeListener.Service) is { } own)
        {
            uris = [own];
        }

        IReadOnlyList<OrchestratorCandidate> candidates = uris
            .Distinct()
            .Take(Math.Max(0, query.MaxCandidates))
            .Select(u => new OrchestratorCandidate(u) { Score = OrchestratorCandidate.Trusted })
            .ToList();
        return ValueTask.FromResult(candidates);
    }
}
