using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.TestPlugins.Shared;

/// <summary>
/// The service the fixture plugins register: a discovery source that knows one orchestrator. Compiled into
/// each fixture (plugins never reference one another), so every fixture has its own copy of this type.
/// </summary>
public sealed class FixtureDiscoverySource(string name, Uri orchestrator) : IDiscoverySource
{
    /// <inheritdoc />
    public string Name { get; } = name;

    /// <summary>The one orchestrator this source returns.</summary>
    public Uri Orchestrator { get; } = orchestrator;

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        IReadOnlyList<OrchestratorCandidate> candidates = query.MaxCandidates > 0 ? [new OrchestratorCandidate(Orchestrator)] : [];
        return ValueTask.FromResult(candidates);
    }
}
