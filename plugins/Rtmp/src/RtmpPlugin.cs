using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.Rtmp.Client;
using Livepeer.Plugins.Rtmp.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Rtmp;

/// <summary>
/// The RTMP plugin. On gateway nodes it serves RTMP on <c>Plugins:Rtmp:Address</c> (<c>-rtmpAddr</c>): publishing
/// (the <see cref="IIngest"/> named <c>rtmp</c>) and key-protected playback of hub streams; and it offers the
/// <see cref="IEgress"/> named <c>rtmp</c> that pushes a stream to another RTMP server.
/// </summary>
public sealed class RtmpPlugin : ILivepeerPlugin
{
    /// <summary>The name of the ingest, the egress and the listener, and the protocol of published streams.</summary>
    public const string Name = "rtmp";

    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = RtmpOptions.Read(context.Configuration);
        if (context.Roles.HasFlag(NodeRoles.Gateway))
        {
            AddServices(services, options); // upstream: RTMP ingest is a broadcaster (gateway) feature
        }
    }

    /// <summary>Registers the server (when <see cref="RtmpOptions.Listen"/>), its listener and ingest, and the egress.</summary>
    internal static void AddServices(IServiceCollection services, RtmpOptions options)
    {
        if (options.Listen)
        {
            services.AddSingleton(sp =>
            {
                var settings = sp.GetService<NodeSettings>() ?? new NodeSettings(NodeRoles.Gateway, "offchain", AppContext.BaseDirectory);
                var webhook = new AuthWebhook(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }), settings.AuthWebhookUrl, options.AuthWebhookTimeout, options.AuthWebhookMaxBytes);
                return new RtmpServer(sp.GetRequiredService<IMediaStreamHub>(), options, settings, webhook, sp.GetRequiredService<IRandomSource>(), Logger(sp), sp.GetService<TimeProvider>());
            });
            services.AddSingleton(sp => new RtmpListener(sp.GetRequiredService<RtmpServer>()));
            services.AddSingleton<IConnectionListener>(sp => sp.GetRequiredService<RtmpListener>());
            services.AddSingleton<IIngest>(sp => sp.GetRequiredService<RtmpListener>());
        }

        services.AddSingleton<IEgress>(sp => new RtmpEgress(
            sp.GetRequiredService<IMediaStreamHub>(),
            sp.GetRequiredService<IRandomSource>(),
            Logger(sp),
            sp.GetService<RtmpServer>()));
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("Livepeer.Plugins.Rtmp") ?? NullLogger.Instance;
}
