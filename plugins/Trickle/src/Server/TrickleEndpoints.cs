using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Plugins.Trickle.Server;

/// <summary>
/// The trickle routes on the orchestrator's service port (upstream <c>ConfigureServer</c>); <c>{channel}</c>
/// is one path segment as in Go's pattern routing, and the literal <c>next</c> wins over <c>{idx}</c>.
/// </summary>
internal sealed class TrickleEndpoints : IEndpointContributor
{
    private readonly string _basePath;
    private readonly ChannelHandlers _channels;
    private readonly PublishHandler _publish;
    private readonly SubscribeHandler _subscribe;

    public TrickleEndpoints(string basePath, ChannelHandlers channels, PublishHandler publish, SubscribeHandler subscribe)
    {
        _basePath = basePath;
        _channels = channels;
        _publish = publish;
        _subscribe = subscribe;
    }

    public NodeListener Listener => NodeListener.Service;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var channel = _basePath + "{channel}";
        var segment = channel + "/{idx}";
        endpoints.MapPost(channel, c => _channels.CreateAsync(c, Name(c)));
        endpoints.MapGet(channel + "/next", c => _channels.NextAsync(c, Name(c)));
        endpoints.MapGet(segment, c => _subscribe.HandleAsync(c, Name(c), Idx(c)));
        endpoints.MapPost(segment, c => _publish.HandleAsync(c, Name(c), Idx(c)));
        endpoints.MapDelete(segment, c => _channels.CloseSegmentAsync(c, Name(c), Idx(c)));
        endpoints.MapDelete(channel, c => _channels.DeleteAsync(c, Name(c)));
    }

    private static string Name(HttpContext context) => context.Request.RouteValues["channel"] as string ?? "";

    private static string? Idx(HttpContext context) => context.Request.RouteValues["idx"] as string;
}
