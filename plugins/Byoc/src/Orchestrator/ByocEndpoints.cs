using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Plugins.Byoc.Registry;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Plugins.Byoc.Orchestrator;

/// <summary>The orchestrator's BYOC routes on the service port (go-livepeer <c>registerRoutes</c>, orchestrator mux).</summary>
internal sealed class ByocEndpoints(RegistrationEndpoints registration, JobEndpoints jobs, StreamEndpoints streams) : IEndpointContributor
{
    public NodeListener Listener => NodeListener.Service;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/capability/register", registration.RegisterAsync);
        endpoints.MapPost("/capability/unregister", registration.UnregisterAsync);
        endpoints.MapGet("/process/token", jobs.TokenAsync);
        endpoints.MapPost("/process/request/{**route}", jobs.ProcessAsync);
        endpoints.MapPost("/ai/stream/start", streams.StartAsync);
        endpoints.MapPost("/ai/stream/stop", streams.StopAsync);
        endpoints.MapPost("/ai/stream/update", streams.UpdateAsync);
        endpoints.MapPost("/ai/stream/payment", streams.PaymentAsync);
    }
}
