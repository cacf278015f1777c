using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Hosting;
using Livepeer.Plugins.Trickle.Client;
using Livepeer.Plugins.Trickle.Core;
using Livepeer.Plugins.Trickle.InProcess;
using Livepeer.Plugins.Trickle.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Trickle;

/// <summary>
/// The trickle plugin. On orchestrator nodes it serves trickle channels on the service port (base path
/// <c>Plugins:Trickle:BasePath</c>, default <c>/ai/trickle/</c>) and offers the same channels in process as
/// the <see cref="ISegmentChannels"/> named <c>trickle</c>. On every node it offers the HTTP clients as the
/// <see cref="ISegmentChannelClients"/> named <c>trickle</c> (in process for this node's own channels).
/// </summary>
public sealed class TricklePlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = TrickleOptions.Read(context.Configuration);
        if (context.Roles.HasFlag(NodeRoles.Orchestrator))
        {
            AddServices(services, options); // upstream serves trickle only from the orchestrator (server/ai_http.go)
        }

        AddClients(services, options);
    }

    /// <summary>Registers the clients; they use the local registry, when there is one, for this node's own channel URLs.</summary>
    internal static void AddClients(IServiceCollection services, TrickleOptions options)
    {
        var clientOptions = new TrickleClientOptions { InsecureSkipVerify = options.ClientInsecureSkipVerify };
        services.AddSingleton<ISegmentChannelClients>(sp => new TrickleChannelClients(
            clientOptions,
            sp.GetService<TimeProvider>() ?? TimeProvider.System,
            Logger(sp),
            sp.GetService<ChannelRegistry>(),
            sp.GetService<INodeAddresses>()));
    }

    /// <summary>Registers the trickle server and channels for <paramref name="options"/> (also used by tests).</summary>
    internal static void AddServices(IServiceCollection services, TrickleOptions options)
    {
        services.AddSingleton(sp => new ChannelRegistry(options, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<ISegmentChannels>(sp => new TrickleSegmentChannels(sp.GetRequiredService<ChannelRegistry>(), sp.GetService<INodeAddresses>()));
        services.AddSingleton<IEndpointContributor>(sp =>
        {
            var registry = sp.GetRequiredService<ChannelRegistry>();
            var logger = Logger(sp);
            return new TrickleEndpoints(
                options.BasePath,
                new ChannelHandlers(registry, sp.GetServices<ISegmentChannelHooks>(), logger),
                new PublishHandler(registry, logger),
                new SubscribeHandler(registry, logger));
        });
        services.AddSingleton<IHostedService>(sp => new TrickleSweeper(sp.GetRequiredService<ChannelRegistry>(), Logger(sp)));
    }

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("Livepeer.Plugins.Trickle") ?? NullLogger.Instance;
}
