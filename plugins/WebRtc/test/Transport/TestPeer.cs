using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;
using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Ice;
using Livepeer.Plugins.WebRtc.Srtp;
using Livepeer.Plugins.WebRtc.Stun;
using Livepeer.Plugins.WebRtc.Tests.Dtls;
using Livepeer.Plugins.WebRtc.Transport;
using Org.BouncyCastle.Crypto.Tls;
using Org.BouncyCastle.Security;

namespace Livepeer.Plugins.WebRtc.Tests.Transport;

/// <summary>
/// A browser-like peer on its own UDP socket on 127.0.0.1: a controlling ICE agent sending checks, a DTLS client
/// (BouncyCastle) with its own ECDSA certificate, and SRTP with the exported keys.
/// </summary>
internal sealed class TestPeer : IAsyncDisposable
{
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
    private readonly Channel<byte[]> _stun = Channel.CreateUnbounded<byte[]>();
    private readonly Channel<byte[]> _media = Channel.CreateUnbounded<byte[]>();
    private readonly DtlsPacketTransport _dtls;
    private readonly Task _loop;
    private SrtpContext? _out;
    private SrtpContext? _in;
    private ushort _sequence = 65_000;

    public TestPeer(DtlsCertificate? certificate = null)
    {
        Certificate = certificate ?? DtlsCertificate.Generate(TimeProvider.System);
        _socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        _dtls = new DtlsPacketTransport(d => _socket.SendTo(d.Span, SocketFlags.None, Target!), () => { });
        _loop = Task.Run(ReceiveAsync);
    }

    public DtlsCertificate Certificate { get; }

    public IceCredentials Ice { get; } = IceCredentials.Generate();

    public WebRtcRemotePeer Offer => new(Ice, Certificate.Fingerprint);

    public IPEndPoint LocalEndPoint => (IPEndPoint)_socket.LocalEndPoint!;

    public IPEndPoint? Target { get; set; }

    public void SendRaw(ReadOnlySpan<byte> datagram) => _socket.SendTo(datagram, SocketFlags.None, Target!);

    /// <summary>A check as a controlling full agent sends it (RFC 8445 §7.2.2).</summary>
    public byte[] Check(IceCredentials server, bool useCandidate = true, string? password = null)
    {
        var builder = new StunMessageBuilder(StunClass.Request, StunConstants.BindingMethod, Guid.NewGuid().ToByteArray()[..12])
            .AddUsername($"{server.Ufrag}:{Ice.Ufrag}")
            .AddPriority(0x6e0001ff)
            .AddIceControlling(0x1122334455667788);
        if (useCandidate)
        {
            builder.AddUseCandidate();
        }

        return builder.Build(Encoding.UTF8.GetBytes(password ?? server.Password));
    }

    public async Task<StunMessage> CheckAsync(IceCredentials server, bool useCandidate = true, string? password = null)
    {
        SendRaw(Check(server, useCandidate, password));
        return await NextStunAsync();
    }

    public async Task<StunMessage> NextStunAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        return StunMessage.Parse(await _stun.Reader.ReadAsync(timeout.Token));
    }

    /// <summary>Runs the DTLS client handshake and sets up SRTP (we are the client: our keys protect what we send).</summary>
    public async Task<DtlsTransport> ConnectDtlsAsync(SrtpProfile? profile = null)
    {
        var client = profile is { } p ? new TestDtlsClient(Certificate, p) : new TestDtlsClient(Certificate);
        var connection = await Task.Factory.StartNew(() => new DtlsClientProtocol(new SecureRandom()).Connect(client, _dtls), TaskCreationOptions.LongRunning).WaitAsync(TimeSpan.FromSeconds(20));
        var keys = client.Keys!;
        _out = new SrtpContext(keys.Profile, keys.ClientKey, keys.ClientSalt);
        _in = new SrtpContext(keys.Profile, keys.ServerKey, keys.ServerSalt);
        return connection;
    }

    public byte[] ProtectRtp(ReadOnlySpan<byte> payload, uint ssrc = 0x01020304)
    {
        var plain = Rtp(_sequence++, ssrc, payload);
        var output = new byte[plain.Length + SrtpContext.MaxOverhead];
        return output[.._out!.ProtectRtp(plain, output)];
    }

    public byte[] ProtectRtcp(ReadOnlySpan<byte> plain)
    {
        var output = new byte[plain.Length + SrtpContext.MaxOverhead];
        return output[.._out!.ProtectRtcp(plain, output)];
    }

    /// <summary>The next media datagram from the server, unprotected (RTP or RTCP by RFC 5761).</summary>
    public async Task<(SrtpStatus Status, byte[] Plain)> ReceiveMediaAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var datagram = await _media.Reader.ReadAsync(timeout.Token);
        var plain = new byte[datagram.Length];
        var rtcp = datagram[1] is >= 192 and <= 223;
        var status = rtcp ? _in!.UnprotectRtcp(datagram, plain, out var length) : _in!.UnprotectRtp(datagram, plain, out length);
        return (status, plain[..length]);
    }

    public static byte[] Rtp(ushort sequence, uint ssrc, ReadOnlySpan<byte> payload)
    {
        var packet = new byte[12 + payload.Length];
        packet[0] = 0x80;
        packet[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 3000u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        payload.CopyTo(packet.AsSpan(12));
        return packet;
    }

    public async ValueTask DisposeAsync()
    {
        _dtls.Dispose();
        _socket.Dispose();
        await _loop;
        _in?.Dispose();
        _out?.Dispose();
    }

    private async Task ReceiveAsync()
    {
        var buffer = new byte[2048];
        try
        {
            while (true)
            {
                var result = await _socket.ReceiveFromAsync(buffer, SocketFlags.None, new IPEndPoint(IPAddress.Any, 0));
                var datagram = buffer[..result.ReceivedBytes];
                switch (datagram[0])
                {
                    case <= 3:
                        _stun.Writer.TryWrite(datagram);
                        break;
                    case >= 20 and <= 63:
                        _dtls.Enqueue(datagram);
                        break;
                    default:
                        _media.Writer.TryWrite(datagram);
                        break;
                }
            }
        }
        catch (ObjectDisposedException)
        {
        }
        catch (SocketException)
        {
        }
    }
}
