using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Plugins.HttpPush;

/// <summary>The push route on the gateway's HTTP port (upstream <c>/live/</c> on <c>-httpAddr</c>).</summary>
internal sealed class HttpPushEndpoints : IEndpointContributor
{
    /// <summary>Where segments are pushed.</summary>
    public const string BasePath = "/live/";

    private readonly PushHandler _handler;

    public HttpPushEndpoints(PushHandler handler)
    {
        _handler = handler;
    }

    public NodeListener Listener => NodeListener.Gateway;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapMethods(BasePath + "{manifestId}/{file}", [HttpMethods.Put, HttpMethods.Post], _handler.HandleAsync);
    }
}
