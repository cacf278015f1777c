#if (selector)
using Livepeer.Abstractions.Selection;
#elif (byoc)
using System.Globalization;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Orchestrators;
#elif (discovery)
using Livepeer.Abstractions.Discovery;
#elif (payment)
using System.Globalization;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
#elif (ingest)
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Ingest;
#elif (egress)
using Livepeer.Abstractions.Egress;
#elif (transcoder)
using Livepeer.Abstractions.Transcoding;
#endif
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace MyPlugin;

/// <summary>
/// The plugin's entry type, the only <see cref="ILivepeerPlugin"/> in this assembly. It registers services and
/// does nothing else: it reads settings only from its own configuration section (<c>Plugins:MyPlugin</c>,
/// given as <see cref="PluginContext.Configuration"/>), and any background work belongs in an
/// <c>IHostedService</c> it registers, which the node starts. Throwing here marks the plugin Faulted with the
/// message as the reason; the node keeps running.
/// </summary>
public sealed class MyPluginPlugin : ILivepeerPlugin
{
    /// <summary>The name the node's configuration refers to the extension by.</summary>
    public const string ExtensionName = "myplugin";

    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
#if (selector)
        // Chance comes from the node's IRandomSource, so the policy is deterministic under test.
        services.AddSingleton<ISelectionPolicy, MyPluginSelectionPolicy>();
#elif (byoc)
        var settings = context.Configuration;
        var capacity = ReadInt64(settings[MyPluginCapability.CapacityKey], MyPluginCapability.DefaultCapacity, MyPluginCapability.CapacityKey);
        var pricePerSecond = ReadInt64(settings[MyPluginCapability.PricePerSecondKey], 0, MyPluginCapability.PricePerSecondKey);
        if (capacity is < 1 or > int.MaxValue)
        {
            throw new InvalidOperationException($"Plugins:{context.Manifest.Id}:{MyPluginCapability.CapacityKey} must be at least 1; it is {capacity}.");
        }

        // A capability is offered by orchestrators; on other roles the plugin registers nothing.
        if (!context.Roles.HasFlag(NodeRoles.Orchestrator))
        {
            return;
        }

        var info = new ByocCapabilityInfo(ExtensionName, (int)capacity, new Price(pricePerSecond, 1))
        {
            Description = "Answers {\"text\"} control messages with {\"original\",\"reversed\"} events; streams with video pass it through.",
        };
        // The node's Byoc plugin offers every IByocCapability in DI as capability 37 (constraint = its name) and runs
        // its streams on the node's segment channels (the Trickle plugin provides them); batch jobs work without.
        services.AddSingleton<IByocCapability>(sp => new MyPluginCapability(info, sp.GetServices<ISegmentChannels>().FirstOrDefault()));
#elif (discovery)
        // "Orchestrators": a comma-separated list, e.g. --Plugins:MyPlugin:Orchestrators=https://o1:8935,o2:8935
        var orchestrators = MyPluginDiscoverySource.ParseList(context.Configuration[MyPluginDiscoverySource.OrchestratorsKey]);
        services.AddSingleton<IDiscoverySource>(new MyPluginDiscoverySource(orchestrators));
#elif (payment)
        var settings = context.Configuration;
        if (context.Roles.HasFlag(NodeRoles.Gateway))
        {
            var address = settings[MyPluginPaymentSender.AddressKey] is { } text
                ? EthAddress.TryParse(text, out var parsed) ? parsed : throw new InvalidOperationException($"Plugins:{context.Manifest.Id}:{MyPluginPaymentSender.AddressKey} '{text}' is not an Ethereum address.")
                : MyPluginPaymentSender.DefaultAddress;
            services.AddSingleton<IPaymentSender>(new MyPluginPaymentSender(address));
        }

        if (context.Roles.HasFlag(NodeRoles.Orchestrator))
        {
            var allowance = ReadInt64(settings[MyPluginPaymentReceiver.AllowanceKey], MyPluginPaymentReceiver.DefaultAllowance, MyPluginPaymentReceiver.AllowanceKey);
            services.AddSingleton<IPaymentReceiver>(new MyPluginPaymentReceiver(allowance));
        }
#elif (ingest)
        // One instance behind both the extension point and the HTTP routes it serves on the gateway port.
        services.AddSingleton<MyPluginIngest>();
        services.AddSingleton<IIngest>(sp => sp.GetRequiredService<MyPluginIngest>());
        services.AddSingleton<IEndpointContributor, MyPluginIngestEndpoints>();
#elif (egress)
        services.AddSingleton<IEgress, MyPluginEgress>();
#elif (transcoder)
        services.AddSingleton<ITranscoder, MyPluginTranscoder>();
#endif
    }
#if (byoc || payment)

    private static long ReadInt64(string? text, long defaultValue, string key) =>
        text is null ? defaultValue
        : long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0 ? value
        : throw new InvalidOperationException($"Setting '{key}' is '{text}'; expected a whole number of at least 0.");
#endif
}
