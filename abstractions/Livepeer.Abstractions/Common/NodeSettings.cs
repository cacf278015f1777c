using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Transcoding;

namespace Livepeer.Abstractions;

/// <summary>
/// Node-wide settings a plugin may need, registered by the host as a singleton. Plugins read these here
/// rather than from the node's configuration section, which belongs to the host.
/// </summary>
/// <param name="Roles">The roles the node runs.</param>
/// <param name="Network">The network (<c>offchain</c> so far).</param>
/// <param name="DataDirectory">The data directory (absolute).</param>
public sealed record NodeSettings(NodeRoles Roles, string Network, string DataDirectory)
{
    /// <summary><c>-maxSessions</c>: concurrent streams on a gateway, transcoding sessions on an orchestrator.</summary>
    public int MaxSessions { get; init; } = 10;

    /// <summary><c>-authWebhookUrl</c>: the stream authentication webhook, when configured.</summary>
    public Uri? AuthWebhookUrl { get; init; }

    /// <summary><c>-transcodingOptions</c>: the renditions streams get by default.</summary>
    public IReadOnlyList<TranscodeProfile> TranscodingProfiles { get; init; } = [];

    /// <summary>The orchestrator's transcoding price (<c>-pricePerUnit</c> / <c>-pixelsPerUnit</c>).</summary>
    public Price Price { get; init; } = Price.Free;

    /// <summary><c>-orchSecret</c>: the secret transcoders and BYOC workers present; empty when unset.</summary>
    public string OrchestratorSecret { get; init; } = "";

    /// <summary><c>-paymentScheme</c>: the name of the payment scheme the node uses (<c>none</c> offchain).</summary>
    public string PaymentScheme { get; init; } = "none";
}
