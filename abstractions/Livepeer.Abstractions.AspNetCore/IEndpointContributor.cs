using Microsoft.AspNetCore.Routing;

namespace Livepeer.Abstractions.AspNetCore;

/// <summary>
/// Routes a plugin serves on one of the node's listeners. Register it as a singleton; the host maps
/// every contributor onto its listener's branch when the node is built, so a route exists only where it
/// belongs (trickle on the orchestrator's service port, WHIP on the gateway's HTTP port, …).
/// </summary>
public interface IEndpointContributor
{
    /// <summary>The listener the routes belong to.</summary>
    NodeListener Listener { get; }

    /// <summary>Maps the routes (minimal APIs or request delegates).</summary>
    void MapEndpoints(IEndpointRouteBuilder endpoints);
}
