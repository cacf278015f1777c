using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Payments;

/// <summary>What a gateway needs paid before it sends work to an orchestrator.</summary>
/// <param name="Orchestrator">The orchestrator's latest info (ticket parameters and price).</param>
/// <param name="LedgerKey">The balance the payment belongs to: a manifest id, or a BYOC capability name.</param>
/// <param name="Fee">The cost of the work about to be sent, in wei.</param>
public sealed record PaymentRequest(OrchestratorInfo Orchestrator, string LedgerKey, Rational Fee);
