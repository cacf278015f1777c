using Livepeer.Abstractions;
using Livepeer.Abstractions.Hosting;
using Livepeer.Plugins.WebRtc.Transport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.WebRtc;

/// <summary>
/// The WebRTC plugin's entry: WHIP ingest and WHEP playback on a gateway. Settings come from <c>Plugins:WebRtc</c>.
/// </summary>
public sealed class WebRtcPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = WebRtcOptions.Read(context.Configuration);
        services.AddSingleton(options);
        services.AddSingleton<IWebRtcTransportFactory>(sp => new WebRtcTransportFactory(
            options, sp.GetService<TimeProvider>() ?? TimeProvider.System, sp.GetService<ILogger<WebRtcTransportFactory>>()));
        if (context.Roles.HasFlag(NodeRoles.Gateway))
        {
            Sessions.SessionServices.Add(services); // WHIP/WHEP, the page and the status routes live on the gateway's HTTP port
        }
    }
}
