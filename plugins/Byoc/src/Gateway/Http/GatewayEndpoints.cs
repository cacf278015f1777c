using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Plugins.Byoc.Gateway.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Plugins.Byoc.Gateway.Http;

/// <summary>The gateway's BYOC routes on the gateway HTTP listener (go-livepeer <c>registerRoutes</c>, gateway mux).</summary>
internal sealed class GatewayEndpoints(JobSubmitter jobs) : IEndpointContributor
{
    public NodeListener Listener => NodeListener.Gateway;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/process/request/{**route}", jobs.SubmitAsync);
    }
}
