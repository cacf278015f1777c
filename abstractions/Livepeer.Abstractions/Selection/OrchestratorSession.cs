using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Selection;

/// <summary>
/// One orchestrator in a stream's <see cref="OrchestratorSessionPool"/>, with what the pool has learned
/// about it. Read-only to policies; the pool updates it.
/// </summary>
public sealed class OrchestratorSession
{
    internal OrchestratorSession(OrchestratorInfo info, long order)
    {
        Info = info;
        Order = order;
    }

    /// <summary>The orchestrator's latest info.</summary>
    public OrchestratorInfo Info { get; internal set; }

    /// <summary>Position in the order the pool learned of sessions (discovery order); lower is earlier.</summary>
    public long Order { get; }

    /// <summary>
    /// The last measured latency score (round-trip time ÷ segment duration); <c>null</c> until a
    /// segment has completed (an "unknown" session in upstream's terms).
    /// </summary>
    public double? LatencyScore { get; internal set; }

    /// <summary>Work sent to this session that has not completed.</summary>
    public int InFlight { get; internal set; }

    /// <summary>Work this session completed.</summary>
    public int Completed { get; internal set; }
}
