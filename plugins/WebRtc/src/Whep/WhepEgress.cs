using Livepeer.Abstractions;
using Livepeer.Abstractions.Egress;

namespace Livepeer.Plugins.WebRtc.Whep;

/// <summary>WHEP as an <see cref="IEgress"/> named <c>whep</c>: players pull <c>{gateway}/whep/{stream}</c>; it pushes nowhere.</summary>
internal sealed class WhepEgress(INodeAddresses? addresses) : IEgress
{
    public string Name => WhepEndpoints.Protocol;

    public IReadOnlyList<Uri> Endpoints =>
        addresses?.GetBaseUri(NodeListener.Gateway) is { } gateway ? [new Uri(gateway, "/whep/")] : [];

    public bool CanPush(Uri target) => false;

    public ValueTask<IEgressSession> PushAsync(EgressRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("WHEP players pull from the gateway's /whep/ routes; it does not push.");
}
