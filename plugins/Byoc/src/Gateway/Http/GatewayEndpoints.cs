using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Plugins.Byoc.Gateway.Jobs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Plugins.Byoc.Gateway.Http;

/// <summary>The gateway's BYOC routes on the gateway HTTP listener (go-livepeer <c>registerRoutes</c>, gateway mux).</summary>
internal sealed class GatewayEndpoints(JobSubmitter jobs, StreamStartEndpoint start, StreamControlEndpoints streams) : IEndpointContributor
{
    public NodeListener Listener => NodeListener.Gateway;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/process/request/{**route}", jobs.SubmitAsync);
        endpoints.MapPost("/process/stream/start", start.StartAsync);
        endpoints.MapPost("/process/stream/{id}/stop", streams.StopAsync);
        endpoints.MapPost("/process/stream/{id}/update", streams.UpdateAsync);
        endpoints.MapGet("/process/stream/{id}/status", streams.StatusAsync);
        endpoints.MapGet("/process/stream/{id}/data", streams.DataAsync);
        endpoints.MapPost("/process/stream/{id}/rtmp", streams.RtmpHookAsync);
        endpoints.MapMethods("/process/stream/{**rest}", [HttpMethods.Options], streams.Preflight);
    }
}
