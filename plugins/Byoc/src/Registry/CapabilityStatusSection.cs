using System.Text.Json.Nodes;
using Livepeer.Abstractions.Status;
using Livepeer.Plugins.Byoc.Worker;

namespace Livepeer.Plugins.Byoc.Registry;

/// <summary>
/// The <c>capabilities</c> section of the node's <c>GET /status</c>: every BYOC capability this orchestrator offers
/// now, by name, with its kind (<c>in-process</c> or <c>external</c> and the worker's URL), capacity, free places and
/// price per second in wei.
/// </summary>
internal sealed class CapabilityStatusSection(CapabilityRegistry registry) : INodeStatusSection
{
    public string Name => "capabilities";

    public JsonNode? Snapshot()
    {
        var result = new JsonObject();
        foreach (var entry in registry.Snapshot().OrderBy(c => c.Name, StringComparer.Ordinal))
        {
            result[entry.Name] = new JsonObject
            {
                ["kind"] = entry.External ? "external" : "in-process",
                ["url"] = (entry.Capability as ExternalWorkerCapability)?.Url.ToString().TrimEnd('/'),
                ["capacity"] = entry.Counter.Capacity,
                ["available"] = entry.Counter.Available,
                ["pricePerSecond"] = entry.Info.PricePerSecond.PerUnit.ToString(),
                ["description"] = entry.Info.Description,
            };
        }

        return result;
    }
}
