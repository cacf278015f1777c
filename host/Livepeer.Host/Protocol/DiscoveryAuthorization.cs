using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Host.Protocol;

/// <summary>The answer of an <see cref="IDiscoveryAuthorizer"/>.</summary>
/// <param name="Allowed">Whether the gateway may use this orchestrator.</param>
/// <param name="Price">The price for this gateway, replacing the configured one; <c>null</c> to keep it.</param>
/// <param name="Reason">Why not, when not allowed.</param>
internal sealed record DiscoveryAuthorization(bool Allowed, Price? Price, string Reason)
{
    public static DiscoveryAuthorization Allow(Price? price) => new(true, price, "");

    public static DiscoveryAuthorization Refuse(string reason) => new(false, null, reason);
}
