using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Plugins.Hls;

/// <summary>The HLS routes on the gateway's HTTP port (upstream serves them from <c>/stream/</c> on <c>-httpAddr</c>).</summary>
internal sealed class HlsEndpoints : IEndpointContributor
{
    /// <summary>Where playlists and segments live.</summary>
    public const string BasePath = "/stream/";

    private readonly HlsRequestHandler _handler;

    public HlsEndpoints(HlsRequestHandler handler)
    {
        _handler = handler;
    }

    public NodeListener Listener => NodeListener.Gateway;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(BasePath + "{**path}", [HttpMethods.Get, HttpMethods.Head], _handler.HandleAsync);
    }
}
