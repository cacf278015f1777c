using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Payments;
using Livepeer.Plugins.Byoc.Gateway.Http;
using Livepeer.Plugins.Byoc.Gateway.Jobs;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;
using Livepeer.Plugins.Byoc.Gateway.Streams;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Livepeer.Plugins.Byoc.Gateway;

/// <summary>
/// Registers the gateway side of BYOC: batch jobs (<c>/process/request/{route}</c>) and streams
/// (<c>/process/stream/*</c>) sent to the orchestrators the node's <see cref="IOrchestratorDirectory"/> finds, signed
/// with the node's <see cref="IEthereumAccount"/> and paid with the node's payment scheme.
/// </summary>
internal static class GatewayServices
{
    public static void Add(IServiceCollection services, ByocOptions byoc, GatewayOptions options)
    {
        services.AddSingleton(options);
        services.AddSingleton(sp => new JobSigner(sp.GetService<IEthereumAccount>(), options.SignatureFormat));
        services.AddSingleton(sp => new OrchestratorClient(sp.GetRequiredService<JobSigner>(), options.OrchestratorInsecureSkipVerify));
        services.AddSingleton(sp => new OrchestratorFinder(sp.GetService<IOrchestratorDirectory>(), sp.GetRequiredService<OrchestratorClient>(), options, ByocPlugin.Logger(sp)));
        services.AddSingleton(sp => new GatewayPayments(Sender(sp), sp.GetService<IPaymentCodec>()));
        services.AddSingleton(sp => new JobSubmitter(
            sp.GetRequiredService<OrchestratorFinder>(), sp.GetRequiredService<OrchestratorClient>(), sp.GetRequiredService<GatewayPayments>(),
            byoc, options, sp.GetRequiredService<IRandomSource>(), ByocPlugin.Logger(sp)));

        // Streams. The table and the ingest observer depend on nothing else: the hub depends on every IStreamObserver.
        services.AddSingleton<GatewayStreamTable>();
        services.AddSingleton<StreamCounters>();
        services.AddSingleton<IStreamObserver>(sp => new IngestWatch(sp.GetRequiredService<GatewayStreamTable>()));
        services.AddSingleton(sp => new StreamServices(
            sp.GetRequiredService<OrchestratorFinder>(),
            sp.GetRequiredService<OrchestratorClient>(),
            sp.GetRequiredService<GatewayPayments>(),
            sp.GetServices<ISegmentChannelClients>().FirstOrDefault(),
            sp.GetService<IMediaStreamHub>(),
            new StreamAddresses(options, sp.GetService<INodeAddresses>(), sp.GetServices<IIngest>(), sp.GetServices<IEgress>()),
            sp.GetRequiredService<GatewayStreamTable>(),
            sp.GetRequiredService<StreamCounters>(),
            options,
            byoc,
            ByocPlugin.Time(sp),
            sp.GetRequiredService<IRandomSource>(),
            ByocPlugin.Logger(sp)));
        services.AddSingleton(sp => new StreamRunner(sp.GetRequiredService<StreamServices>()));
        services.AddSingleton(sp => new StreamStartEndpoint(sp.GetRequiredService<StreamServices>(), sp.GetRequiredService<StreamRunner>(), sp.GetService<NodeSettings>()));
        services.AddSingleton(sp => new StreamControlEndpoints(sp.GetRequiredService<StreamServices>()));
        services.AddSingleton<IHostedService>(sp => new GatewayStreamShutdown(sp.GetRequiredService<GatewayStreamTable>()));
        services.AddSingleton<IEndpointContributor>(sp => new GatewayEndpoints(
            sp.GetRequiredService<JobSubmitter>(), sp.GetRequiredService<StreamStartEndpoint>(), sp.GetRequiredService<StreamControlEndpoints>()));
    }

    // The node's scheme by name (-paymentScheme); none registered under that name = nothing is paid.
    private static IPaymentSender? Sender(IServiceProvider services)
    {
        var scheme = services.GetService<NodeSettings>()?.PaymentScheme ?? PaymentSchemeNames.None;
        return services.GetServices<IPaymentSender>().FirstOrDefault(s => string.Equals(s.Name, scheme, StringComparison.OrdinalIgnoreCase));
    }
}
