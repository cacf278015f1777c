using System.Text.Json.Nodes;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Status;
using Livepeer.Plugins.Byoc.Gateway.Streams;
using Livepeer.Plugins.Byoc.Orchestrator;

namespace Livepeer.Plugins.Byoc;

/// <summary>
/// The plugin's part of the node's <c>GET /status</c> (<c>sections.byoc</c>): on gateways the streams with their
/// orchestrator, phase and swaps, plus the counts of what they hold open (tasks, channel clients, hub publications,
/// egress pushes, data readers — all zero when nothing runs); on orchestrators the streams running here.
/// </summary>
internal sealed class ByocStatusSection(GatewayStreamTable? gateway, StreamCounters? counters, StreamTable? orchestrator) : INodeStatusSection
{
    /// <summary>The most streams listed (the counts cover all of them).</summary>
    public const int MaxListed = 100;

    public string Name => "byoc";

    public JsonNode? Snapshot()
    {
        var section = new JsonObject();
        if (gateway is not null && counters is not null)
        {
            section["gateway"] = new JsonObject
            {
                ["streams"] = new JsonArray([.. gateway.Snapshot().Take(MaxListed).Select(s => (JsonNode?)new JsonObject
                {
                    ["stream_id"] = s.Id,
                    ["capability"] = s.Capability,
                    ["state"] = s.Phase.ToString().ToLowerInvariant(),
                    ["orchestrator"] = s.Current?.Orchestrator.ToString().TrimEnd('/'),
                    ["swaps"] = s.Swaps.Total,
                    ["error"] = s.Error,
                })]),
                ["open"] = counters.Snapshot(),
            };
        }

        if (orchestrator is not null)
        {
            section["orchestrator"] = new JsonObject
            {
                ["streams"] = new JsonArray([.. orchestrator.Snapshot().Take(MaxListed).Select(s => (JsonNode?)new JsonObject
                {
                    ["stream_id"] = s.Id,
                    ["capability"] = s.Capability.Name,
                    ["sender"] = s.Sender.ToChecksumString(),
                    ["running"] = s.Session is not null,
                })]),
                ["count"] = orchestrator.Count,
            };
        }

        return section;
    }
}
