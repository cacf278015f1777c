using Livepeer.Abstractions.Byoc;
using Livepeer.Plugins.Byoc.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Http;

/// <summary>How the gateway's routes refuse a request: logged once, answered as go-livepeer's <c>http.Error</c> does.</summary>
internal static class GatewayRefusals
{
    public static async Task RefuseAsync(HttpContext context, ILogger logger, int status, string message)
    {
        GatewayLog.Refused(logger, status, message);
        await HttpAnswers.TextAsync(context, status, message).ConfigureAwait(false);
    }

    /// <summary>The request's <c>Livepeer</c> header, or <c>null</c> after a 400 saying what is wrong with it.</summary>
    public static async Task<ClientJob?> ReadClientJobAsync(HttpContext context, ILogger logger)
    {
        try
        {
            return ClientJob.Parse(context.Request.Headers[ByocHeaders.Job].ToString());
        }
        catch (ByocJobHeaderException e)
        {
            await RefuseAsync(context, logger, 400, e.Message).ConfigureAwait(false);
            return null;
        }
    }
}
