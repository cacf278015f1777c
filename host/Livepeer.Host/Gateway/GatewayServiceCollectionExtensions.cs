using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Discovery;
using Livepeer.Host.Configuration;
using Livepeer.Host.Discovery;
using Livepeer.Host.Hosting;

namespace Livepeer.Host.Gateway;

/// <summary>Registers the gateway's discovery: the <c>db</c> source, the orchestrator pool and its write-back to the node database.</summary>
internal static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGatewayDiscovery(this IServiceCollection services)
    {
        services.AddSingleton<IDiscoverySource, DatabaseDiscoverySource>();
        services.AddSingleton<OrchestratorConnections>();
        services.AddSingleton<DiscoveredOrchestratorRecorder>();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<NodeOptions>();

            // Names were validated by the ExtensionCatalog at start-up; resolved here, after plugins registered theirs.
            var sources = options.Discovery
                .Select(name => ExtensionCatalog.Resolve<IDiscoverySource>(sp, name))
                .OfType<IDiscoverySource>()
                .ToList();
            return new OrchestratorPool(
                sources,
                OrchestratorPoolOptions.From(options),
                sp.GetRequiredService<OrchestratorConnections>().Client,
                sp.GetRequiredService<DiscoveredOrchestratorRecorder>(),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<IRandomSource>(),
                sp.GetRequiredService<ILogger<OrchestratorPool>>())
            {
                // go-livepeer signs its address string with broadcaster.Sign when it has keys (§3.4).
                Sender = sp.GetService<IEthereumAccount>()?.Address ?? default,
                Signature = sp.GetService<IEthereumAccount>() is { } account
                    ? account.SignHashedMessage(System.Text.Encoding.ASCII.GetBytes(account.Address.ToChecksumString()))
                    : ReadOnlyMemory<byte>.Empty,
            };
        });
        services.AddSingleton<IOrchestratorDirectory>(sp => new OrchestratorDirectory(sp.GetRequiredService<OrchestratorPool>()));
        return services;
    }
}
