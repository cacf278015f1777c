using Livepeer.Abstractions;
using Livepeer.Abstractions.Egress;

namespace Livepeer.Plugins.Hls;

/// <summary>
/// HLS as an <see cref="IEgress"/> named <c>hls</c>: players pull every stream from <see cref="Endpoints"/>
/// (<c>{id}.m3u8</c> under it); it pushes nowhere.
/// </summary>
internal sealed class HlsEgress : IEgress
{
    /// <summary>The egress name.</summary>
    public const string EgressName = "hls";

    private readonly INodeAddresses? _addresses;

    public HlsEgress(INodeAddresses? addresses)
    {
        _addresses = addresses;
    }

    public string Name => EgressName;

    public IReadOnlyList<Uri> Endpoints =>
        _addresses?.GetBaseUri(NodeListener.Gateway) is { } gateway ? [new Uri(gateway, HlsEndpoints.BasePath)] : [];

    public bool CanPush(Uri target) => false;

    public ValueTask<IEgressSession> PushAsync(EgressRequest request, CancellationToken cancellationToken) =>
        throw new NotSupportedException("HLS is pulled by players from the gateway's /stream/ routes; it does not push.");
}
