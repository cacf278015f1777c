using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

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
        services.AddSingleton(WebRtcOptions.Read(context.Configuration));
    }
}
