using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Plugins.WebRtc.Sessions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Livepeer.Plugins.WebRtc.Page;

/// <summary>
/// The browser page and the status routes on the gateway's HTTP port: <c>/webrtc/</c> (index of active streams),
/// <c>/webrtc/{stream}</c> (publish the camera over WHIP, play the output over WHEP, status beside them),
/// <c>/webrtc/status</c> and <c>/webrtc/status/{stream}</c> (JSON: sessions and their counters).
/// </summary>
internal sealed class PageEndpoints(WebRtcStatusReport status) : IEndpointContributor
{
    private static readonly byte[] Html = Resource("webrtc.html");
    private static readonly byte[] Script = Resource("webrtc.js");

    public NodeListener Listener => NodeListener.Gateway;

    public void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/webrtc", () => Results.Bytes(Html, "text/html; charset=utf-8")); // also /webrtc/
        endpoints.MapGet("/webrtc/webrtc.js", () => Results.Bytes(Script, "text/javascript; charset=utf-8"));
        endpoints.MapGet("/webrtc/status", () => Results.Json(status.Node()));
        endpoints.MapGet("/webrtc/status/{stream}", (string stream) => Results.Json(status.Stream(stream)));
        endpoints.MapGet("/webrtc/{stream}", (string stream) =>
            SdpExchange.IsValidStreamName(stream) ? Results.Bytes(Html, "text/html; charset=utf-8") : Results.NotFound());
    }

    private static byte[] Resource(string name)
    {
        using var stream = typeof(PageEndpoints).Assembly.GetManifestResourceStream("Livepeer.Plugins.WebRtc.Page." + name)
            ?? throw new InvalidOperationException($"embedded resource {name} is missing");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
