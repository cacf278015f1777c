using System.Buffers;
using System.Net;
using System.Threading.Channels;
using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Ice;
using Livepeer.Plugins.WebRtc.Srtp;
using Microsoft.Extensions.Logging;
using Org.BouncyCastle.Crypto.Tls;

namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>
/// One peer's transport. The socket thread only classifies (RFC 7983), drops what comes from unvalidated addresses
/// and queues the rest in a bounded per-transport queue, so a flood costs other sessions nothing; this transport's
/// own task answers STUN (<see cref="IceLiteAgent"/>), feeds DTLS to the handshake (<see cref="DtlsHandshake"/>) and
/// unprotects SRTP/SRTCP into <see cref="Received"/>. One timer checks the connect deadline and consent freshness.
/// </summary>
internal sealed class WebRtcTransport : IWebRtcTransport
{
    /// <summary>Datagrams queued per transport between the socket thread and the transport's task.</summary>
    public const int InboundCapacity = 1024;

    /// <summary>Decrypted packets waiting for the session layer.</summary>
    public const int ReceivedCapacity = 2048;

    private readonly IceLiteAgent _agent;
    private readonly DtlsCertificate _certificate;
    private readonly WebRtcRemotePeer _remote;
    private readonly WebRtcTransportSettings _settings;
    private readonly TransportResources _resources;
    private readonly ILogger _logger;
    private readonly TransportCounters _counters = new();
    private readonly Channel<(byte[] Datagram, IPEndPoint From)> _inbound;
    private readonly Channel<WebRtcPacket> _received;
    private readonly TaskCompletionSource _connected = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<WebRtcCloseReason> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly object _sendGate = new();
    private readonly long _createdAt;
    private readonly ITimer _timer;
    private readonly Task _worker;
    private IDatagramSender _sender = null!;
    private Func<ValueTask> _release = () => ValueTask.CompletedTask;
    private Action<IPEndPoint> _validated = _ => { };
    private DtlsPacketTransport? _dtls;
    private Task? _handshake;
    private DtlsTransport? _connection;
    private SrtpContext? _srtpIn;
    private SrtpContext? _srtpOut;
    private int _closing;

    public WebRtcTransport(WebRtcRemotePeer remote, IceCredentials local, DtlsCertificate certificate, WebRtcTransportSettings settings, TransportResources resources, ILogger logger)
    {
        _remote = remote;
        _certificate = certificate;
        _settings = settings;
        _resources = resources;
        _logger = logger;
        _agent = new IceLiteAgent(local, remote.Ice, settings.Time, settings.ConsentTimeout);
        _inbound = Channel.CreateBounded<(byte[], IPEndPoint)>(
            new BoundedChannelOptions(InboundCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true },
            _ => Interlocked.Increment(ref _counters.InboundQueueDropped));
        _received = Channel.CreateBounded<WebRtcPacket>(
            new BoundedChannelOptions(ReceivedCapacity) { FullMode = BoundedChannelFullMode.DropWrite, SingleWriter = true },
            _ => Interlocked.Increment(ref _counters.ReceiveQueueDropped));
        _createdAt = settings.Time.GetTimestamp();
        resources.TransportOpened();
        resources.TimerStarted();
        _timer = settings.Time.CreateTimer(_ => Tick(), null, WebRtcTransportSettings.TickPeriod, WebRtcTransportSettings.TickPeriod);
        resources.TaskStarted();
        _worker = Task.Run(ProcessAsync);
    }

    public IceCredentials LocalIce => _agent.Local;

    public DtlsFingerprint LocalFingerprint => _certificate.Fingerprint;

    public IPEndPoint LocalEndPoint { get; private set; } = new(IPAddress.Loopback, 0);

    public Task Connected => _connected.Task;

    public Task<WebRtcCloseReason> Closed => _closed.Task;

    public ChannelReader<WebRtcPacket> Received => _received.Reader;

    public WebRtcTransportStats Stats => _counters.Snapshot();

    internal IceLiteAgent Agent => _agent;

    /// <summary>Connects the transport to its socket side (called once by the factory before it is handed out).</summary>
    public void Attach(IDatagramSender sender, IPEndPoint advertised, Action<IPEndPoint> validated, Func<ValueTask> release)
    {
        _sender = sender;
        LocalEndPoint = advertised;
        _validated = validated;
        _release = release;
    }

    /// <summary>Called on the socket thread: classify, check the source, queue (bounded).</summary>
    public void Deliver(byte[] datagram, IPEndPoint from)
    {
        var kind = PacketClassifier.Classify(datagram);
        if (kind == PacketKind.Unknown)
        {
            Interlocked.Increment(ref _counters.Unclassified);
        }
        else if (kind != PacketKind.Stun && !_agent.IsValidated(from))
        {
            Interlocked.Increment(ref _counters.UnknownSource); // RFC 8445 §11: media only on a validated pair
        }
        else
        {
            _inbound.Writer.TryWrite((datagram, from));
        }
    }

    public ValueTask<bool> SendRtpAsync(ReadOnlyMemory<byte> rtpPacket, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Protect(rtpPacket.Span, rtcp: false));

    public ValueTask<bool> SendRtcpAsync(ReadOnlyMemory<byte> rtcpPacket, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Protect(rtcpPacket.Span, rtcp: true));

    public async ValueTask DisposeAsync()
    {
        await CloseAsync(WebRtcCloseReason.Disposed).ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
        if (_handshake is { } handshake)
        {
            await handshake.ConfigureAwait(false);
        }

        DisposeInbound(); // in case the handshake finished after the task ended
    }

    private bool Protect(ReadOnlySpan<byte> packet, bool rtcp)
    {
        var remote = _agent.SelectedRemote;
        if (remote is null || !_connected.Task.IsCompletedSuccessfully || Volatile.Read(ref _closing) != 0)
        {
            return false;
        }

        var buffer = ArrayPool<byte>.Shared.Rent(packet.Length + SrtpContext.MaxOverhead);
        try
        {
            int length;
            lock (_sendGate)
            {
                if (_srtpOut is null)
                {
                    return false;
                }

                length = rtcp ? _srtpOut.ProtectRtcp(packet, buffer) : _srtpOut.ProtectRtp(packet, buffer);
            }

            if (!_sender.Send(buffer.AsSpan(0, length), remote))
            {
                return false;
            }

            Interlocked.Increment(ref rtcp ? ref _counters.RtcpSent : ref _counters.RtpSent);
            Interlocked.Add(ref _counters.BytesSent, length);
            return true;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task ProcessAsync()
    {
        try
        {
            var plain = new byte[2048];
            await foreach (var (datagram, from) in _inbound.Reader.ReadAllAsync().ConfigureAwait(false))
            {
                switch (PacketClassifier.Classify(datagram))
                {
                    case PacketKind.Stun:
                        OnStun(datagram, from);
                        break;
                    case PacketKind.Dtls:
                        OnDtls(datagram);
                        break;
                    case var kind:
                        OnSrtp(datagram, kind == PacketKind.Rtcp, ref plain);
                        break;
                }
            }
        }
        finally
        {
            DisposeInbound();
            _resources.TaskEnded();
        }
    }

    private void DisposeInbound()
    {
        lock (_sendGate)
        {
            _srtpIn?.Dispose();
        }
    }

    private void OnStun(byte[] datagram, IPEndPoint from)
    {
        var wasValidated = _agent.IsValidated(from);
        var outcome = _agent.HandleStun(datagram, from, out var response);
        if (outcome == IceCheckOutcome.Accepted)
        {
            Interlocked.Increment(ref _counters.StunRequests);
            if (!wasValidated)
            {
                _validated(from);
            }
        }
        else if (outcome != IceCheckOutcome.Ignored)
        {
            Interlocked.Increment(ref _counters.StunRejected);
        }

        if (response is not null)
        {
            _sender.Send(response, from); // after counting, so a peer that has the answer sees the counters
        }
    }

    private void OnDtls(byte[] datagram)
    {
        if (Volatile.Read(ref _closing) != 0)
        {
            return;
        }

        if (_dtls is null)
        {
            _dtls = new DtlsPacketTransport(SendDtls, () =>
            {
                // BouncyCastle closes the transport on close_notify or a fatal alert; during the handshake the failure path reports it.
                if (Volatile.Read(ref _connection) is not null)
                {
                    _ = CloseAsync(WebRtcCloseReason.PeerClosed);
                }
            });
            _resources.TaskStarted();
            _handshake = HandshakeAsync(_dtls);
        }

        if (!_dtls.Enqueue(datagram))
        {
            Interlocked.Increment(ref _counters.DtlsDropped);
            return;
        }

        if (_connection is { } connection)
        {
            // After the handshake: let BouncyCastle see alerts (close_notify) and retransmitted Finished flights.
            var buffer = new byte[2048];
            try
            {
                while (connection.Receive(buffer, 0, buffer.Length, 0) >= 0)
                {
                    // application data (a data channel) is not used
                }
            }
            catch (Exception e) when (e is TlsException or IOException)
            {
                _ = CloseAsync(WebRtcCloseReason.PeerClosed);
            }
        }
    }

    private void SendDtls(ReadOnlyMemory<byte> datagram)
    {
        if (_agent.SelectedRemote is { } remote)
        {
            _sender.Send(datagram.Span, remote);
        }
    }

    private async Task HandshakeAsync(DtlsPacketTransport transport)
    {
        try
        {
            var remaining = _settings.ConnectTimeout - _settings.Time.GetElapsedTime(_createdAt);
            var (connection, keys) = await DtlsHandshake.AcceptAsync(new DtlsSrtpServer(_certificate, _remote.Fingerprint), transport, remaining > TimeSpan.Zero ? remaining : TimeSpan.FromMilliseconds(1), _settings.Time).ConfigureAwait(false);
            lock (_sendGate)
            {
                if (Volatile.Read(ref _closing) != 0)
                {
                    return;
                }

                // RFC 5764 §4.2: we are the DTLS server; the client's write keys protect what it sends to us.
                _srtpIn = new SrtpContext(keys.Profile, keys.ClientKey, keys.ClientSalt);
                _srtpOut = new SrtpContext(keys.Profile, keys.ServerKey, keys.ServerSalt);
                _connection = connection;
            }

            TransportLog.Connected(_logger, _agent.SelectedRemote, keys.Profile);
            _connected.TrySetResult();
        }
        catch (DtlsHandshakeException e)
        {
            TransportLog.HandshakeFailed(_logger, _agent.SelectedRemote, e.Message);
            _connected.TrySetException(new WebRtcTransportException(e.Message, e));
            await CloseAsync(WebRtcCloseReason.HandshakeFailed).ConfigureAwait(false);
        }
        finally
        {
            _resources.TaskEnded();
        }
    }

    private void OnSrtp(byte[] datagram, bool rtcp, ref byte[] plain)
    {
        var context = Volatile.Read(ref _srtpIn);
        if (context is null)
        {
            Interlocked.Increment(ref _counters.UnknownSource); // media before keys: nothing can authenticate it
            return;
        }

        if (plain.Length < datagram.Length)
        {
            plain = new byte[datagram.Length];
        }

        var status = rtcp ? context.UnprotectRtcp(datagram, plain, out var length) : context.UnprotectRtp(datagram, plain, out length);
        switch (status)
        {
            case SrtpStatus.Ok:
                Interlocked.Increment(ref rtcp ? ref _counters.RtcpReceived : ref _counters.RtpReceived);
                Interlocked.Add(ref _counters.BytesReceived, length);
                _received.Writer.TryWrite(new WebRtcPacket(rtcp, plain.AsSpan(0, length).ToArray()));
                break;
            case SrtpStatus.Replayed:
                Interlocked.Increment(ref _counters.SrtpReplays);
                break;
            default:
                Interlocked.Increment(ref _counters.SrtpAuthFailures);
                break;
        }
    }

    private void Tick()
    {
        if (!_connected.Task.IsCompleted && _settings.Time.GetElapsedTime(_createdAt) > _settings.ConnectTimeout)
        {
            _connected.TrySetException(new WebRtcTransportException("no DTLS connection within the connect timeout"));
            _ = CloseAsync(WebRtcCloseReason.HandshakeFailed);
        }
        else if (_agent.ConsentExpired)
        {
            _ = CloseAsync(WebRtcCloseReason.ConsentExpired);
        }
    }

    private async Task CloseAsync(WebRtcCloseReason reason)
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        await _timer.DisposeAsync().ConfigureAwait(false);
        _resources.TimerStopped();
        _inbound.Writer.TryComplete();
        _received.Writer.TryComplete();
        _dtls?.ShutDown();
        lock (_sendGate)
        {
            if (reason != WebRtcCloseReason.PeerClosed)
            {
                try
                {
                    _connection?.Close(); // sends close_notify
                }
                catch (Exception e) when (e is TlsException or IOException)
                {
                }
            }

            _srtpOut?.Dispose(); // _srtpIn belongs to the transport's task, which disposes it when it ends
            _srtpOut = null;
        }

        await _release().ConfigureAwait(false);
        _connected.TrySetCanceled();
        _resources.TransportClosed();
        TransportLog.Closed(_logger, _agent.SelectedRemote, reason);
        _closed.TrySetResult(reason);
    }
}
