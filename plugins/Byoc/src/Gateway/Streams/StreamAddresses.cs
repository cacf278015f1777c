using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Ingest;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// Builds the URLs a stream's client gets. The HTTP base is <see cref="GatewayOptions.PublicUrl"/>, else the address the
/// client reached the gateway at (its request's scheme and <c>Host</c>), else the gateway listener. WHIP and WHEP URLs
/// are handed out only when the node has the <c>whip</c> ingest / <c>whep</c> egress (the WebRtc plugin), RTMP URLs only
/// when <see cref="GatewayOptions.RtmpUrl"/> is set or the node has the <c>rtmp</c> ingest (the Rtmp plugin): an empty
/// URL rather than one nothing answers.
/// </summary>
internal sealed class StreamAddresses(GatewayOptions options, INodeAddresses? addresses, IEnumerable<IIngest> ingests, IEnumerable<IEgress> egresses)
{
    /// <summary>The ingest and egress names looked for (the WebRtc and Rtmp plugins' names).</summary>
    public const string Whip = "whip";

    public const string Whep = "whep";

    public const string Rtmp = "rtmp";

    private readonly IIngest[] _ingests = [.. ingests];
    private readonly IEgress[] _egresses = [.. egresses];

    /// <summary>The <c>rtmp://host:port</c> base of RTMP ingest and playback (no trailing slash), or <c>null</c>.</summary>
    public string? RtmpBase =>
        options.RtmpUrl.Length > 0 ? options.RtmpUrl
        : _ingests.FirstOrDefault(i => i.Name == Rtmp)?.Endpoints.FirstOrDefault()?.ToString().TrimEnd('/');

    /// <summary>The egress that pushes to <paramref name="target"/>, or <c>null</c>.</summary>
    public IEgress? EgressFor(Uri target) => _egresses.FirstOrDefault(e => e.CanPush(target));

    /// <summary>The HTTP base for <paramref name="requestBase"/> (the client's view of the gateway), no trailing slash.</summary>
    public string HttpBase(Uri? requestBase) =>
        (options.PublicUrl ?? requestBase ?? addresses?.GetBaseUri(NodeListener.Gateway))?.ToString().TrimEnd('/') ?? "";

    /// <summary>The URLs of stream <paramref name="streamId"/>.</summary>
    public StreamUrls For(string streamId, ByocStreamFlags flags, IReadOnlyList<Uri> rtmpOutputs, Uri? requestBase)
    {
        var http = HttpBase(requestBase);
        var stream = $"{http}/process/stream/{Uri.EscapeDataString(streamId)}";
        var rtmp = RtmpBase;
        var outputs = new List<string>();
        if (flags.VideoEgress)
        {
            outputs.AddRange(rtmpOutputs.Select(u => u.ToString()));
            if (rtmp is not null)
            {
                outputs.Add($"{rtmp}/{streamId}{OutputRelay.Suffix}"); // the Rtmp plugin plays any hub stream by name
            }
        }

        return new StreamUrls(
            streamId,
            WhipUrl: flags.VideoIngress && _ingests.Any(i => i.Name == Whip) ? stream + "/whip" : "",
            WhepUrl: flags.VideoEgress && _egresses.Any(e => e.Name == Whep) ? stream + "/whep" : "",
            RtmpUrl: flags.VideoIngress && rtmp is not null ? $"{rtmp}/{streamId}" : "",
            RtmpOutputUrl: string.Join(',', outputs),
            UpdateUrl: stream + "/update",
            StatusUrl: stream + "/status",
            DataUrl: flags.DataOutput ? stream + "/data" : "",
            StopUrl: stream + "/stop");
    }
}
