using Livepeer.Abstractions;
using Livepeer.Abstractions.Ingest;

namespace Livepeer.Plugins.WebRtc.Whip;

/// <summary>WHIP as the node's <see cref="IIngest"/> named <c>whip</c>: clients publish to <c>{gateway}/whip/{stream}</c>.</summary>
internal sealed class WhipIngest(INodeAddresses? addresses) : IIngest
{
    public string Name => WhipEndpoints.Protocol;

    public IReadOnlyList<Uri> Endpoints =>
        addresses?.GetBaseUri(NodeListener.Gateway) is { } gateway ? [new Uri(gateway, "/whip/")] : [];
}
