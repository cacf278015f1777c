using Livepeer.Abstractions.Payments;

namespace Livepeer.Abstractions.Orchestrators;

/// <summary>What an orchestrator says about itself in answer to <c>GetOrchestrator</c> (<c>net.OrchestratorInfo</c>).</summary>
/// <param name="ServiceUri">The orchestrator's service URI (the <c>transcoder</c> field).</param>
public sealed record OrchestratorInfo(Uri ServiceUri)
{
    /// <summary>The orchestrator's on-chain address (the ticket recipient); absent offchain.</summary>
    public EthAddress? Address { get; init; }

    /// <summary>The transcoding price; absent when none was given.</summary>
    public Price? Price { get; init; }

    /// <summary>Ticket parameters for the requesting gateway, when a payment scheme needs them.</summary>
    public TicketParams? TicketParams { get; init; }

    /// <summary>What the orchestrator offers; absent from legacy orchestrators.</summary>
    public NodeCapabilities? Capabilities { get; init; }

    /// <summary>Per-capability prices (BYOC is capability 37 with its name as the constraint).</summary>
    public IReadOnlyList<CapabilityPrice> CapabilityPrices { get; init; } = [];

    /// <summary>The session credential for follow-up requests.</summary>
    public AuthToken? AuthToken { get; init; }

    /// <summary>Further node URIs the orchestrator advertises.</summary>
    public IReadOnlyList<Uri> Nodes { get; init; } = [];
}
