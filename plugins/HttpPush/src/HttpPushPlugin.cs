using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.HttpPush;

/// <summary>
/// The HTTP push ingest plugin. On a gateway it serves <c>PUT|POST /live/{manifestID}/{seq}.ts</c> on the HTTP port
/// and publishes each segment into the hub; it is the ingest named <c>http-push</c>. Settings: <c>Plugins:HttpPush</c>
/// (see README.md); the host maps <c>-httpIngest</c> to <c>Enabled</c>.
/// </summary>
public sealed class HttpPushPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = HttpPushOptions.Read(context.Configuration);
        if (context.Roles.HasFlag(NodeRoles.Gateway))
        {
            AddServices(services, options); // upstream takes HTTP pushes on the gateway's -httpAddr only
        }
    }

    internal static void AddServices(IServiceCollection services, HttpPushOptions options)
    {
        services.AddSingleton<IIngest>(sp => new HttpPushIngest(sp.GetService<INodeAddresses>()));
        services.AddSingleton(sp =>
        {
            var settings = Settings(sp);
            return new PushSessions(
                sp.GetRequiredService<IMediaStreamHub>(),
                settings,
                options,
                sp.GetService<TimeProvider>() ?? TimeProvider.System,
                settings.AuthWebhookUrl is { } url ? new AuthWebhook(url, options.AuthWebhookTimeout, Logger(sp)) : null,
                Logger(sp));
        });
        services.AddSingleton<IEndpointContributor>(sp => new HttpPushEndpoints(new PushHandler(
            sp.GetRequiredService<PushSessions>(),
            options,
            Settings(sp),
            sp.GetService<INodeAddresses>(),
            sp.GetService<IRandomSource>(),
            Logger(sp))));
    }

    private static NodeSettings Settings(IServiceProvider services) =>
        services.GetService<NodeSettings>() ?? new NodeSettings(NodeRoles.Gateway, "offchain", AppContext.BaseDirectory);

    private static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("Livepeer.Plugins.HttpPush") ?? NullLogger.Instance;
}
