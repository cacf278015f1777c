using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Discovery;

/// <summary>
/// The gateway's view of the network, for plugins that send work to orchestrators (BYOC streams and jobs, live
/// pipelines): the node's discovery sources asked and every candidate's <c>GetOrchestrator</c> answered, as
/// go-livepeer's <c>orchestratorPool.GetOrchestrators</c> (§5.2) does. Registered by the host on gateway nodes.
/// </summary>
public interface IOrchestratorDirectory
{
    /// <summary>
    /// Up to <see cref="OrchestratorSearch.Count"/> orchestrators that answered in time and can serve
    /// <see cref="OrchestratorSearch.Required"/>, fastest answer first; empty when none did.
    /// </summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    Task<IReadOnlyList<OrchestratorInfo>> FindAsync(OrchestratorSearch search, CancellationToken cancellationToken);
}

/// <summary>What a gateway plugin looks for.</summary>
public sealed record OrchestratorSearch
{
    /// <summary>The most orchestrators wanted (at least 1).</summary>
    public int Count { get; init; } = 8;

    /// <summary>The capabilities the work needs (for BYOC: <see cref="ForByoc"/>); <c>null</c> for legacy transcoding.</summary>
    public NodeCapabilities? Required { get; init; }

    /// <summary>Service URIs to leave out (orchestrators that just failed this stream).</summary>
    public IReadOnlySet<Uri> Excluded { get; init; } = new HashSet<Uri>();

    /// <summary>
    /// A search for orchestrators offering the BYOC capability <paramref name="name"/> (capability 37, the name as model).
    /// AuthToken is in the set because orchestrators make it mandatory (go-livepeer's default capabilities); a job
    /// without it is compatible with none of them.
    /// </summary>
    public static NodeCapabilities ForByoc(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return new NodeCapabilities
        {
            Offered = CapabilitySet.Of([Capability.Byoc, Capability.AuthToken]),
            Models = new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>>
            {
                [Capability.Byoc] = new Dictionary<string, ModelConstraint>(StringComparer.Ordinal) { [name] = new ModelConstraint() },
            },
        };
    }
}
