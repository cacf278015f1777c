using System.Net;

namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>The socket side a transport sends through: its own socket, or the shared mux.</summary>
internal interface IDatagramSender
{
    /// <summary>Sends one datagram; false when the socket refused it (closed, buffer full, unreachable).</summary>
    bool Send(ReadOnlySpan<byte> datagram, IPEndPoint to);
}
