using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Orchestrators;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.TextReversal;

/// <summary>
/// Registers the in-process BYOC capability <c>text-reversal</c> on orchestrators (settings
/// <c>Plugins:TextReversal:Capacity</c>, default 10, and <c>PricePerSecond</c> in wei, default 0). The Byoc
/// plugin offers it as capability 37 and runs its streams on the node's segment channels.
/// </summary>
public sealed class TextReversalPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var settings = new SettingsReader(context.Configuration, "Plugins:TextReversal");
        var capacity = settings.Int("Capacity", 10, min: 1, max: 10_000);
        var price = settings.Long("PricePerSecond", 0, min: 0);
        settings.ThrowIfInvalid();
        if (!context.Roles.HasFlag(NodeRoles.Orchestrator))
        {
            return;
        }

        var info = new ByocCapabilityInfo(TextReversalCapability.CapabilityName, capacity, new Price(price, 1))
        {
            Description = "Reverses {\"text\"} control messages into {\"original\",\"reversed\"} events",
        };
        services.AddSingleton<IByocCapability>(sp => new TextReversalCapability(info, sp.GetServices<ISegmentChannels>().FirstOrDefault()));
    }
}
