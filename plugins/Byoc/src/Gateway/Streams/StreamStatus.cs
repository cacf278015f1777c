using System.Text.Json;
using System.Text.Json.Nodes;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// The JSON of <c>GET /process/stream/{id}/status</c> (go-livepeer's status store entry: <c>whep_url</c>,
/// <c>orchestrator</c>, <c>ingest_metrics</c>, <c>error</c>, and the worker's latest <c>status</c> event), with what this
/// gateway adds: the phase, the orchestrators tried and the swaps, output and data counts, the last event.
/// </summary>
internal static class StreamStatus
{
    public static JsonObject Of(GatewayStream stream, TimeProvider time)
    {
        var session = stream.Current;
        var sinceInput = stream.Ingest.SinceLastSegment;
        var status = new JsonObject
        {
            ["stream_id"] = stream.Id,
            ["capability"] = stream.Capability,
            ["state"] = stream.Phase.ToString().ToLowerInvariant(),
            ["whep_url"] = stream.Urls.WhepUrl,
            ["orchestrator"] = session?.Orchestrator.ToString().TrimEnd('/'),
            ["orchestrators"] = new JsonArray([.. stream.Orchestrators.Select(o => (JsonNode?)JsonValue.Create(o.ToString().TrimEnd('/')))]),
            ["swaps"] = stream.Swaps.Total,
            ["uptime_seconds"] = Math.Round(time.GetElapsedTime(stream.CreatedAt).TotalSeconds, 3),
            ["ingest_metrics"] = new JsonObject
            {
                ["connected"] = stream.Ingest.Connected,
                ["protocol"] = stream.Ingest.Protocol,
                ["segments"] = stream.Ingest.Segments,
                ["bytes"] = stream.Ingest.Bytes,
                ["seconds_since_last_segment"] = sinceInput is { } since ? Math.Round(since.TotalSeconds, 3) : null,
                ["in_flight"] = session?.InFlightSegments ?? 0,
            },
            ["output_metrics"] = new JsonObject
            {
                ["stream"] = stream.Output.OutputId,
                ["published"] = stream.Output.Published,
                ["segments"] = stream.Output.Segments,
                ["bytes"] = stream.Output.Bytes,
            },
            ["control_messages"] = session?.ControlMessages ?? 0,
            ["payments"] = session?.Payments.Sent ?? 0,
            ["events"] = stream.Events.Events,
            ["data_lines"] = stream.Data?.Lines,
            ["error"] = stream.Error,
            ["end_reason"] = stream.EndReason,
            ["last_event"] = Node(stream.Events.LastEvent),
            ["last_status"] = Node(stream.Events.LastStatus),
        };
        return status;
    }

    private static JsonNode? Node(JsonElement? element) => element is { } e ? JsonNode.Parse(e.GetRawText()) : null;
}
