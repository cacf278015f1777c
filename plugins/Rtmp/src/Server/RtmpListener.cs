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
    public void Configure(IConnectionBuilder builder) => builder.UseConnectionHandler<RtmpConnectionHandler>();

    /// <inheritdoc />
    public void OnBound(IPEndPoint boundEndPoint) => server.OnBound(boundEndPoint);
}
