using Org.BouncyCastle.Crypto.Tls;
using Org.BouncyCastle.Security;

namespace Livepeer.Plugins.WebRtc.Dtls;

/// <summary>
/// Runs BouncyCastle's blocking <see cref="DtlsServerProtocol.Accept"/> on its own thread, never on a socket thread,
/// and bounds it in time: when <c>timeout</c> passes the datagram transport is shut down, which makes the blocked
/// receive throw and the handshake fail.
/// </summary>
internal static class DtlsHandshake
{
    /// <summary>Accepts one DTLS client; completes with the connection and the exported SRTP keys.</summary>
    /// <exception cref="DtlsHandshakeException">The handshake failed, was refused, or timed out.</exception>
    public static Task<(DtlsTransport Connection, DtlsSrtpKeys Keys)> AcceptAsync(
        DtlsSrtpServer server, DtlsPacketTransport transport, TimeSpan timeout, TimeProvider time)
    {
        return Task.Factory.StartNew(
            () =>
            {
                using var deadline = new CancellationTokenSource(timeout, time);
                using var registration = deadline.Token.Register(transport.ShutDown);
                try
                {
                    var connection = new DtlsServerProtocol(new SecureRandom()).Accept(server, transport);
                    return (connection, server.Keys ?? throw new DtlsHandshakeException("no SRTP keys were exported"));
                }
                catch (Exception e) when (e is TlsException or IOException or InvalidOperationException or ArgumentException)
                {
                    var why = server.Failure ?? (deadline.IsCancellationRequested ? "timed out" : e.Message);
                    throw new DtlsHandshakeException($"DTLS handshake failed: {why}", e);
                }
            },
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }
}
