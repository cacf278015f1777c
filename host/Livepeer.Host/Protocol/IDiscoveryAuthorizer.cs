using Livepeer.Abstractions;

namespace Livepeer.Host.Protocol;

/// <summary>
/// Decides whether a gateway may discover this orchestrator, and at what price (§3.4: the orchestrator's
/// <c>-authWebhookUrl</c>). Consulted by <c>GetOrchestrator</c>; absent when no webhook is configured.
/// </summary>
internal interface IDiscoveryAuthorizer
{
    ValueTask<DiscoveryAuthorization> AuthorizeAsync(EthAddress gateway, CancellationToken cancellationToken);
}
