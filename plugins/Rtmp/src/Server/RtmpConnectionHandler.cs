using Microsoft.AspNetCore.Connections;

namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>Kestrel's entry point for each accepted RTMP connection (<c>UseConnectionHandler&lt;RtmpConnectionHandler&gt;()</c>).</summary>
internal sealed class RtmpConnectionHandler(RtmpServer server) : ConnectionHandler
{
    /// <inheritdoc />
    public override Task OnConnectedAsync(ConnectionContext connection) => new RtmpServerSession(server, connection).RunAsync();
}
