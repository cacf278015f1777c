using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Transcoding;
using Livepeer.Host.Admin;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Protocol;

/// <summary>
/// What this orchestrator offers: the transcoding capabilities when a transcoder exists (the legacy set,
/// with AuthToken mandatory as upstream), plus what every <see cref="IOrchestratorCapabilitySource"/>
/// offers now (BYOC capability 37 with one model per capability name), their capacities, and their prices
/// for <c>capabilities_prices</c>. Sources are asked on every call, so registrations show at once.
/// </summary>
internal sealed class OrchestratorOffer(NodeOptions options, IEnumerable<ITranscoder> transcoders, IEnumerable<IOrchestratorCapabilitySource> sources)
{
    public Price TranscodingPrice { get; } = new(options.PricePerUnit, options.PixelsPerUnit);

    public NodeCapabilities Capabilities() => Capabilities(Offered());

    /// <summary>Per-capability prices (go-livepeer <c>GetCapabilitiesPrices</c>: capability 37, constraint = name).</summary>
    public IReadOnlyList<CapabilityPrice> CapabilityPrices() =>
        [.. Offered().Select(o => new CapabilityPrice(o.Capability, o.Constraint, o.Price))];

    private List<OfferedCapability> Offered() => [.. sources.SelectMany(s => s.GetOfferedCapabilities())];

    private NodeCapabilities Capabilities(List<OfferedCapability> extra)
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
        foreach (var group in extra.Where(o => o.Capacity > 0).GroupBy(o => o.Capability))
        {
            // Gateways and the Python SDK ask for BYOC as capability 37 with the capability name as model.
            offered = offered.With(group.Key);
            capacities[group.Key] = group.Sum(o => o.Capacity);
            var byName = new Dictionary<string, ModelConstraint>(StringComparer.Ordinal);
            foreach (var item in group)
            {
                byName[item.Constraint] = new ModelConstraint(Warm: true, Capacity: item.Capacity);
            }

            models[group.Key] = byName;
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
}
