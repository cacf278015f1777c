using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.Byoc.Gateway.Http;

/// <summary>
/// CORS on <c>/process/stream/*</c> when <see cref="GatewayOptions.AllowCors"/> is set (upstream: the
/// <c>LIVE_AI_ALLOW_CORS</c> environment variable): any origin; <c>OPTIONS</c> answered 204 with the methods. Upstream
/// allows only the <c>Content-Type</c> header, which makes browsers refuse the <c>Livepeer</c> header the ad-astra
/// webapp sends; <c>Livepeer</c> and <c>Last-Event-ID</c> are allowed here too.
/// </summary>
internal static class StreamCors
{
    public const string AllowedHeaders = "Content-Type, Livepeer, Last-Event-ID";

    public const string AllowedMethods = "OPTIONS, POST, GET";

    public static void Add(HttpContext context, bool enabled)
    {
        if (!enabled)
        {
            return;
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlAllowHeaders = AllowedHeaders;
        if (HttpMethods.IsOptions(context.Request.Method))
        {
            headers.AccessControlAllowMethods = AllowedMethods;
        }
    }
}
