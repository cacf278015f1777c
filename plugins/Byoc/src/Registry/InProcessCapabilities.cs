using Livepeer.Abstractions.Byoc;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Registry;

/// <summary>Adds the in-process capabilities plugins registered in DI to the registry when the node starts.</summary>
internal sealed class InProcessCapabilities(CapabilityRegistry registry, IEnumerable<IByocCapability> capabilities, ILogger logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var capability in capabilities)
        {
            if (capability.Info.Name != capability.Name)
            {
                ByocLog.InProcessRefused(logger, capability.Name, $"its Info names it '{capability.Info.Name}'");
                continue;
            }

            registry.Register(capability, external: false);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
