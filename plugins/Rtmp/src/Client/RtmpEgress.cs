using Livepeer.Abstractions;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.Rtmp.Server;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Rtmp.Client;

/// <summary>
/// The <c>rtmp</c> egress: pushes a hub stream to another RTMP server (the path used for <c>rtmp_output</c>
/// targets), and names this node's RTMP address as where players pull from.
/// </summary>
internal sealed class RtmpEgress(IMediaStreamHub hub, IRandomSource random, ILogger logger, RtmpServer? server) : IEgress
{
    /// <inheritdoc />
    public string Name => RtmpPlugin.Name;

    /// <inheritdoc />
    public IReadOnlyList<Uri> Endpoints => server?.Endpoints ?? [];

    /// <inheritdoc />
    public bool CanPush(Uri target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return target.IsAbsoluteUri && string.Equals(target.Scheme, "rtmp", StringComparison.OrdinalIgnoreCase) && target.Host.Length > 0;
    }

    /// <inheritdoc />
    public async ValueTask<IEgressSession> PushAsync(EgressRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!CanPush(request.Target))
        {
            throw new NotSupportedException($"The rtmp egress cannot push to '{request.Target}'.");
        }

        var subscription = hub.Subscribe(request.StreamId, request.Rendition)
            ?? throw new KeyNotFoundException($"Stream '{request.StreamId}' is not being published.");
        RtmpClient client;
        try
        {
            client = await RtmpClient.PublishAsync(request.Target, random, 4096, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await subscription.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        RtmpLog.PushStarted(logger, request.StreamId, request.Target.ToString());
        return new RtmpPushSession(request, subscription, client, logger);
    }
}
