using System.Text.Json;
using System.Text.Json.Nodes;
using Livepeer.Abstractions.Status;
using Livepeer.Plugins.WebRtc.Sessions;

namespace Livepeer.Plugins.WebRtc.Page;

/// <summary>
/// The <c>webrtc</c> section of the node's <c>GET /status</c> (CLI port): the same document as <c>/webrtc/status</c> —
/// per WHIP session its tracks' packets, loss, jitter, bit rate and last input time; WHEP viewers per stream.
/// Upstream reports WHIP <c>ingest_metrics</c> into its status store instead.
/// </summary>
internal sealed class WebRtcStatusSection(WebRtcStatusReport report) : INodeStatusSection
{
    public string Name => "webrtc";

    public JsonNode? Snapshot() => JsonSerializer.SerializeToNode(report.Node(), JsonSerializerOptions.Web);
}
