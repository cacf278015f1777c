using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Media;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>What every server-side RTMP connection shares: the hub, settings, limits, the webhook and the bound address.</summary>
internal sealed class RtmpServer(
    IMediaStreamHub hub,
    RtmpOptions options,
    NodeSettings settings,
    AuthWebhook webhook,
    IRandomSource random,
    ILogger logger,
    TimeProvider? time = null) : IDisposable
{
    private IPEndPoint? _bound;

    public IMediaStreamHub Hub => hub;

    public RtmpOptions Options => options;

    public NodeSettings Settings => settings;

    public AuthWebhook Webhook => webhook;

    public SessionLimiter Sessions { get; } = new(settings.MaxSessions);

    public IRandomSource Random => random;

    public ILogger Logger => logger;

    /// <summary>Coalesces the reads of publishing connections (<see cref="RtmpOptions.ReceiveCoalescing"/>).</summary>
    public ReceiveCoalescer Coalescer { get; } = new(options.ReceiveCoalescing, time ?? TimeProvider.System);

    /// <summary>Where clients connect, once bound: <c>rtmp://ip:port/</c>.</summary>
    public IReadOnlyList<Uri> Endpoints => _bound is { } endPoint ? [new Uri($"rtmp://{endPoint}/")] : [];

    public void Dispose() => Coalescer.Dispose();

    public void OnBound(IPEndPoint endPoint)
    {
        _bound = endPoint;
        RtmpLog.Listening(logger, endPoint.ToString());
    }
}
