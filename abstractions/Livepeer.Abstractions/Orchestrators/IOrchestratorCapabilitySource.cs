namespace Livepeer.Abstractions.Orchestrators;

/// <summary>
/// Capabilities an orchestrator offers beyond transcoding, as the host advertises them in
/// <c>OrchestratorInfo</c> (capabilities, capacities, models and <c>capabilities_prices</c>). A plugin that
/// serves such capabilities (BYOC: capability 37, one constraint per capability name) registers a source;
/// the host asks every source each time it builds an <c>OrchestratorInfo</c>, so the answer may change
/// while the node runs (workers registering and leaving).
/// </summary>
public interface IOrchestratorCapabilitySource
{
    /// <summary>What is offered now. Safe to call concurrently with registrations.</summary>
    IReadOnlyList<OfferedCapability> GetOfferedCapabilities();
}

/// <summary>One offered capability and constraint (a model id, or a BYOC capability name).</summary>
/// <param name="Capability">The capability.</param>
/// <param name="Constraint">The model or BYOC name.</param>
/// <param name="Capacity">How many jobs or streams it takes at once.</param>
/// <param name="Price">Its price (for BYOC, per second of compute).</param>
public sealed record OfferedCapability(Capability Capability, string Constraint, int Capacity, Price Price);
