namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>
/// Makes transports: one UDP socket per transport on <see cref="WebRtcOptions.HostAddress"/>, or a route on the shared
/// socket at <see cref="WebRtcOptions.UdpMuxAddress"/>. A singleton in DI.
/// </summary>
public interface IWebRtcTransportFactory
{
    /// <summary>
    /// A new transport for a peer whose offer carried <paramref name="remote"/>; it answers ICE checks and waits for
    /// the DTLS client at once. Throws <see cref="System.Net.Sockets.SocketException"/> when no socket can be bound.
    /// </summary>
    IWebRtcTransport Create(WebRtcRemotePeer remote);

    /// <summary>Counters over all transports, including packets that reached no transport.</summary>
    WebRtcTransportFactoryStats Stats { get; }
}
