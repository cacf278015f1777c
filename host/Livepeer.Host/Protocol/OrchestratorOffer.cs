using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Transcoding;
using Livepeer.Host.Admin;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Protocol;

/// <summary>
/// What this orchestrator offers, from what is registered: the transcoding capabilities when a transcoder
/// exists (the legacy set, with AuthToken mandatory as upstream), BYOC capability 37 for every BYOC
/// capability, their capacities, and the per-capability prices advertised in <c>capabilities_prices</c>.
/// </summary>
internal sealed class OrchestratorOffer(NodeOptions options, IEnumerable<ITranscoder> transcoders, IEnumerable<IByocCapability> byoc)
{
    public Price TranscodingPrice { get; } = new(options.PricePerUnit, options.PixelsPerUnit);

    public NodeCapabilities Capabilities()
    {
        // AuthToken is always offered and mandatory, as go-livepeer's default capabilities.
        var offered = CapabilitySet.Of(Capability.AuthToken);
        var capacities = new Dictionary<Capability, int>();
        if (transcoders.Any())
        {
            offered = CapabilitySet.Legacy.With(Capability.AuthToken);
            foreach (var capability in offered)
            {
                capacities[capability] = options.MaxSessions;
            }
        }

        var models = new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>>();
        var byocCapacity = byoc.Sum(c => Math.Max(0, c.Info.Capacity));
        if (byocCapacity > 0)
        {
            offered = offered.With(Capability.Byoc);
            capacities[Capability.Byoc] = byocCapacity;

            // Gateways and the Python SDK ask for BYOC as capability 37 with the capability name as model.
            models[Capability.Byoc] = byoc.ToDictionary(c => c.Info.Name, c => new ModelConstraint(Warm: true, Capacity: c.Info.Capacity), StringComparer.Ordinal);
        }

        return new NodeCapabilities
        {
            Offered = offered,
            Mandatory = CapabilitySet.Of(Capability.AuthToken),
            Capacities = capacities,
            Models = models,
            Version = NodeStatus.NodeVersion,
        };
    }

    /// <summary>BYOC prices: capability 37, constraint = the capability name (go-livepeer <c>GetCapabilitiesPrices</c>).</summary>
    public IReadOnlyList<CapabilityPrice> CapabilityPrices() =>
        [.. byoc.Select(c => new CapabilityPrice(Capability.Byoc, c.Info.Name, c.Info.PricePerSecond))];
}
