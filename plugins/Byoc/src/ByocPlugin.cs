using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Livepeer.Abstractions.Status;
using Livepeer.Plugins.Byoc.Billing;
using Livepeer.Plugins.Byoc.Gateway;
using Livepeer.Plugins.Byoc.Gateway.Streams;
using Livepeer.Plugins.Byoc.Orchestrator;
using Livepeer.Plugins.Byoc.Registry;
using Livepeer.Plugins.Byoc.Signing;
using Livepeer.Plugins.Byoc.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Byoc;

/// <summary>
/// BYOC on the orchestrator (go-livepeer <c>byoc/</c>, orchestrator side): the capability registry
/// (<c>/capability/register</c> for external workers, plus every in-process <see cref="IByocCapability"/>),
/// advertised as capability 37 through <see cref="IOrchestratorCapabilitySource"/>; batch jobs
/// (<c>/process/*</c>) and streams (<c>/ai/stream/*</c>) on the node's <see cref="ISegmentChannels"/>.
/// On gateway nodes it adds the gateway side (<c>/process/request/*</c>, <c>/process/stream/*</c>, see
/// <see cref="GatewayServices"/>); a node with both roles runs both.
/// </summary>
public sealed class ByocPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = ByocOptions.Read(context.Configuration);
        var gateway = GatewayOptions.Read(context.Configuration);
        services.AddSingleton(options);
        if (context.Roles.HasFlag(NodeRoles.Orchestrator))
        {
            AddOrchestrator(services, options);
        }

        if (context.Roles.HasFlag(NodeRoles.Gateway))
        {
            GatewayServices.Add(services, options, gateway);
        }

        if (context.Roles.HasFlag(NodeRoles.Orchestrator) || context.Roles.HasFlag(NodeRoles.Gateway))
        {
            services.AddSingleton<INodeStatusSection>(sp => new ByocStatusSection(
                sp.GetService<GatewayStreamTable>(), sp.GetService<StreamCounters>(), sp.GetService<StreamTable>()));
        }
    }

    /// <summary>Registers the orchestrator side for <paramref name="options"/> (also used by tests).</summary>
    internal static void AddOrchestrator(IServiceCollection services, ByocOptions options)
    {
        services.AddSingleton<WorkerHttp>();
        services.AddSingleton<CapabilityRegistry>();
        services.AddSingleton<IOrchestratorCapabilitySource>(sp => sp.GetRequiredService<CapabilityRegistry>());
        services.AddSingleton<INodeStatusSection>(sp => new CapabilityStatusSection(sp.GetRequiredService<CapabilityRegistry>()));
        services.AddSingleton<StreamTable>();
        services.AddSingleton(sp => new ByocBilling(Receiver(sp), sp.GetService<IPaymentCodec>()));
        services.AddSingleton(sp => new JobCredentials(sp.GetService<ISignatureVerifier>(), options.RequireSignature));
        services.AddSingleton(sp => new JobReader(sp.GetRequiredService<JobCredentials>(), Logger(sp)));
        services.AddSingleton(sp => new StreamLifecycle(sp.GetRequiredService<StreamTable>(), sp.GetRequiredService<CapabilityRegistry>(), Channels(sp, options), Logger(sp)));
        services.AddSingleton(sp => new RegistrationEndpoints(
            sp.GetRequiredService<CapabilityRegistry>(), sp.GetRequiredService<WorkerHttp>(), options.EffectiveSecret(sp.GetService<NodeSettings>()), Logger(sp)));
        services.AddSingleton(sp => new JobEndpoints(
            sp.GetRequiredService<JobReader>(), sp.GetRequiredService<JobCredentials>(), sp.GetRequiredService<CapabilityRegistry>(), sp.GetRequiredService<ByocBilling>(),
            options, sp.GetService<INodeAddresses>(), Time(sp), Logger(sp)));
        services.AddSingleton(sp => new StreamEndpoints(
            sp.GetRequiredService<JobReader>(), sp.GetRequiredService<CapabilityRegistry>(), sp.GetRequiredService<StreamLifecycle>(), sp.GetRequiredService<ByocBilling>(),
            Channels(sp, options), options, Time(sp), Logger(sp)));
        services.AddSingleton(sp => new StreamMonitor(
            sp.GetRequiredService<StreamLifecycle>(), sp.GetRequiredService<ByocBilling>(), Channels(sp, options), options, Time(sp), Logger(sp)));
        services.AddSingleton<IEndpointContributor>(sp => new ByocEndpoints(
            sp.GetRequiredService<RegistrationEndpoints>(), sp.GetRequiredService<JobEndpoints>(), sp.GetRequiredService<StreamEndpoints>()));
        services.AddSingleton<IHostedService>(sp => new InProcessCapabilities(sp.GetRequiredService<CapabilityRegistry>(), sp.GetServices<IByocCapability>(), Logger(sp)));
        services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<StreamMonitor>());
    }

    // The node's scheme by name (-paymentScheme); none registered under that name = not metered.
    private static IPaymentReceiver? Receiver(IServiceProvider services)
    {
        var scheme = services.GetService<NodeSettings>()?.PaymentScheme ?? PaymentSchemeNames.None;
        return services.GetServices<IPaymentReceiver>().FirstOrDefault(r => string.Equals(r.Name, scheme, StringComparison.OrdinalIgnoreCase));
    }

    private static ISegmentChannels? Channels(IServiceProvider services, ByocOptions options)
    {
        var all = services.GetServices<ISegmentChannels>().ToList();
        return options.Channels.Length == 0 ? all.FirstOrDefault() : all.FirstOrDefault(c => string.Equals(c.Name, options.Channels, StringComparison.OrdinalIgnoreCase));
    }

    internal static TimeProvider Time(IServiceProvider services) => services.GetService<TimeProvider>() ?? TimeProvider.System;

    internal static ILogger Logger(IServiceProvider services) =>
        services.GetService<ILoggerFactory>()?.CreateLogger("Livepeer.Plugins.Byoc") ?? NullLogger.Instance;
}
