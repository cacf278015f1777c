using System.Text.Json.Nodes;

namespace Livepeer.Abstractions.Status;

/// <summary>
/// A section of the node's <c>GET /status</c> document (CLI/admin port): a plugin's own live state, such as WebRTC
/// sessions or BYOC streams. Register any number as singletons; each appears under <c>sections.{Name}</c>.
/// </summary>
public interface INodeStatusSection
{
    /// <summary>The section's key in <c>sections</c> (unique on the node; lower-case, e.g. <c>webrtc</c>).</summary>
    string Name { get; }

    /// <summary>The section's content now. Called on every status request: cheap, non-blocking, bounded in size.</summary>
    JsonNode? Snapshot();
}
