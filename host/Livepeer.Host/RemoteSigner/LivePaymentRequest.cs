using System.Text.Json;
using Google.Protobuf;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Protocol;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.RemoteSigner;

/// <summary>
/// A <c>POST /generate-live-payment</c> body: <c>{"orchestrator", "type", "manifestID", "RequestID",
/// "preloadSeconds", "inPixels", "capability", "capabilities", "state"}</c>, names matched case-insensitively.
/// </summary>
internal sealed record LivePaymentRequest(OrchestratorInfo Orchestrator, Net.OrchestratorInfo OrchestratorProto, string Type)
{
    /// <summary>The job types the signer prices.</summary>
    public const string Byoc = "byoc";

    /// <summary>Live video-to-video.</summary>
    public const string LiveVideoToVideo = "lv2v";

    /// <summary>Pixels one second of live video is billed as (1280×720 at 30 fps, go-livepeer <c>defaultSegInfo</c>).</summary>
    public const long LivePixelsPerSecond = 1280L * 720 * 30;

    public string? ManifestId { get; init; }

    public string? RequestId { get; init; }

    public long? PreloadSeconds { get; init; }

    public long? InPixels { get; init; }

    /// <summary>The BYOC capability or LV2V model named by <c>capability</c> or by the <c>capabilities</c> constraints.</summary>
    public string? Capability { get; init; }

    public Net.Capabilities? CapabilitiesProto { get; init; }

    public JsonElement? State { get; init; }

    /// <exception cref="SignerRequestException">The body is not a usable request.</exception>
    public static LivePaymentRequest Parse(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new SignerRequestException("body must be a JSON object");
        }

        var type = (JsonFields.String(root, "type") ?? "").ToLowerInvariant();
        if (type is not ("" or Byoc or LiveVideoToVideo))
        {
            throw new SignerRequestException($"unknown type '{(type.Length > 32 ? type[..32] : type)}'; known: byoc, lv2v");
        }

        var orchestratorBytes = JsonFields.Base64(root, "orchestrator");
        if (orchestratorBytes is null || orchestratorBytes.Length == 0)
        {
            throw new SignerRequestException("missing orchestrator");
        }

        var proto = DecodeOrchestrator(orchestratorBytes);
        OrchestratorInfo info;
        try
        {
            info = NetMapping.FromProto(proto);
        }
        catch (FormatException e)
        {
            throw new SignerRequestException("orchestrator info is not usable: " + e.Message, e);
        }

        Net.Capabilities? capabilities = null;
        if (JsonFields.Base64(root, "capabilities") is { Length: > 0 } capabilityBytes)
        {
            try
            {
                capabilities = Net.Capabilities.Parser.ParseFrom(capabilityBytes);
            }
            catch (InvalidProtocolBufferException e)
            {
                throw new SignerRequestException("capabilities is not a net.Capabilities message", e);
            }
        }

        var capability = JsonFields.String(root, "capability");
        if (string.IsNullOrEmpty(capability) && capabilities is not null)
        {
            var wanted = type == LiveVideoToVideo ? Abstractions.Orchestrators.Capability.LiveVideoToVideo : Abstractions.Orchestrators.Capability.Byoc;
            if (capabilities.Constraints?.PerCapability is { } perCapability && perCapability.TryGetValue((uint)wanted, out var constraints))
            {
                capability = constraints.Models.Keys.FirstOrDefault();
            }
        }

        return new LivePaymentRequest(info, proto, type)
        {
            ManifestId = JsonFields.String(root, "manifestID"),
            RequestId = JsonFields.String(root, "RequestID"),
            PreloadSeconds = JsonFields.Integer(root, "preloadSeconds", 0, 86_400),
            InPixels = JsonFields.Integer(root, "inPixels", 0, long.MaxValue / 2),
            Capability = string.IsNullOrEmpty(capability) ? null : capability,
            CapabilitiesProto = capabilities,
            State = JsonFields.Find(root, "state"),
        };
    }

    // The Python SDK sends OrchestratorInfo bytes; go-livepeer's signer doc says PaymentResult{info}. Accept both.
    private static Net.OrchestratorInfo DecodeOrchestrator(byte[] bytes)
    {
        try
        {
            var info = Net.OrchestratorInfo.Parser.ParseFrom(bytes);
            if (Uri.TryCreate(info.Transcoder, UriKind.Absolute, out _))
            {
                return info;
            }
        }
        catch (InvalidProtocolBufferException)
        {
        }

        try
        {
            if (Net.PaymentResult.Parser.ParseFrom(bytes).Info is { } wrapped)
            {
                return wrapped;
            }
        }
        catch (InvalidProtocolBufferException)
        {
        }

        throw new SignerRequestException("orchestrator is neither a net.OrchestratorInfo nor a net.PaymentResult message");
    }
}
