using System.Net;
using System.Threading.Channels;
using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Ice;

namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>
/// One peer's ICE-lite + DTLS-SRTP transport (RFC 8445 lite agent, RFC 5764 DTLS-SRTP, RFC 7983 demultiplexing):
/// what the WHIP/WHEP session layer sends plain RTP/RTCP through and receives decrypted RTP/RTCP from.
/// </summary>
/// <remarks>
/// Made by <see cref="IWebRtcTransportFactory.Create"/> from the offer's ICE credentials and fingerprint; the answer
/// carries <see cref="LocalIce"/>, <see cref="LocalFingerprint"/>, <c>a=setup:passive</c> (this side is the DTLS
/// server) and one host candidate on <see cref="LocalEndPoint"/>. Disposing closes it.
/// </remarks>
public interface IWebRtcTransport : IAsyncDisposable
{
    /// <summary>This side's ICE credentials for the answer (<c>a=ice-ufrag</c>, <c>a=ice-pwd</c>).</summary>
    IceCredentials LocalIce { get; }

    /// <summary>This node's certificate fingerprint for the answer (<c>a=fingerprint:sha-256 …</c>).</summary>
    DtlsFingerprint LocalFingerprint { get; }

    /// <summary>The address and port for the answer's host candidate (the session socket or the shared mux).</summary>
    IPEndPoint LocalEndPoint { get; }

    /// <summary>
    /// Completes when ICE has a remote address and the DTLS handshake has produced SRTP keys; faults with
    /// <see cref="WebRtcTransportException"/> when the handshake fails, the peer's certificate does not match the offer's
    /// fingerprint, or nothing connects within the handshake timeout; cancelled when closed before connecting.
    /// </summary>
    Task Connected { get; }

    /// <summary>Completes (never faults) once the transport is closed, with the reason.</summary>
    Task<WebRtcCloseReason> Closed { get; }

    /// <summary>
    /// Decrypted RTP and RTCP packets from the peer, in arrival order. Bounded: when the reader falls behind the
    /// newest packets are dropped and counted in <see cref="WebRtcTransportStats.ReceiveQueueDropped"/>. Completes on close.
    /// </summary>
    ChannelReader<WebRtcPacket> Received { get; }

    /// <summary>Protects one plain RTP packet with SRTP and sends it to the peer.</summary>
    /// <returns>False (nothing sent) before <see cref="Connected"/> or after close.</returns>
    ValueTask<bool> SendRtpAsync(ReadOnlyMemory<byte> rtpPacket, CancellationToken cancellationToken = default);

    /// <summary>Protects one plain RTCP (compound) packet with SRTCP and sends it to the peer.</summary>
    /// <returns>False (nothing sent) before <see cref="Connected"/> or after close.</returns>
    ValueTask<bool> SendRtcpAsync(ReadOnlyMemory<byte> rtcpPacket, CancellationToken cancellationToken = default);

    /// <summary>A snapshot of the counters.</summary>
    WebRtcTransportStats Stats { get; }
}
