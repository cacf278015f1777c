using System.Net;
using Livepeer.Abstractions.Ingest;
using Microsoft.AspNetCore.Connections;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>
/// The RTMP server as the host sees it: a raw-TCP listener on <c>-rtmpAddr</c> served through the host's Kestrel,
/// and the <c>rtmp</c> ingest whose streams appear in the hub.
/// </summary>
internal sealed class RtmpListener(RtmpServer server) : Livepeer.Abstractions.AspNetCore.IConnectionListener, IIngest
{
    /// <inheritdoc />
    public string Name => RtmpPlugin.Name;

    /// <inheritdoc />
    public IPEndPoint EndPoint => server.Options.Address;

    /// <inheritdoc />
    public string Scheme => "rtmp";

    /// <inheritdoc />
    public IReadOnlyList<Uri> Endpoints => server.Endpoints;

    /// <inheritdoc />
    /// <remarks>
    /// A publisher sends ≈ 75 small messages a second; handing each read to the thread pool cost several times what
    /// parsing and segmenting it does (docs/benchmarks.md). The session never blocks: webhook, hub and socket calls
    /// are awaited, and the per-message work is bounded (one message, at most one segment).
    /// </remarks>
    public bool RunsOnIoThread => true;

    /// <inheritdoc />
    public void Configure(IConnectionBuilder builder) => builder.UseConnectionHandler<RtmpConnectionHandler>();

    /// <inheritdoc />
    public void OnBound(IPEndPoint boundEndPoint) => server.OnBound(boundEndPoint);
}
