using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Media;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Hls;

/// <summary>
/// The HLS plugin. On a gateway it follows every stream in the hub (an <see cref="IStreamObserver"/>) and serves
/// its playlists and segments under <c>/stream/</c> on the gateway's HTTP port; it is the egress named <c>hls</c>.
/// Settings: <c>Plugins:Hls</c> (see README.md); the host maps <c>-currentManifest</c> to <c>CurrentManifest</c>.
/// </summary>
public sealed class HlsPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = HlsOptions.Read(context.Configuration);
        if (context.Roles.HasFlag(NodeRoles.Gateway))
        {
            AddServices(services, options); // the gateway's HTTP port is where upstream serves HLS
        }
    }

    internal static void AddServices(IServiceCollection services, HlsOptions options)
    {
        services.AddSingleton(sp => new HlsStreams(
            options,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            sp.GetService<ILoggerFactory>()?.CreateLogger("Livepeer.Plugins.Hls") ?? NullLogger.Instance));
        services.AddSingleton<IStreamObserver>(sp => sp.GetRequiredService<HlsStreams>());
        services.AddSingleton<IEgress>(sp => new HlsEgress(sp.GetService<INodeAddresses>()));
        services.AddSingleton<IEndpointContributor>(sp => new HlsEndpoints(new HlsRequestHandler(sp.GetRequiredService<HlsStreams>(), options)));
    }
}
