using System.Net;
using Livepeer.Plugins.WebRtc.Dtls;
using Livepeer.Plugins.WebRtc.Ice;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>
/// Makes transports on one DTLS certificate (made on first use, reused for every session as browsers do). With
/// <see cref="WebRtcOptions.UdpMuxAddress"/> set, every transport shares one socket bound on first use; otherwise
/// each transport binds its own socket on <see cref="WebRtcOptions.HostAddress"/> port 0.
/// </summary>
public sealed class WebRtcTransportFactory : IWebRtcTransportFactory, IAsyncDisposable
{
    private readonly WebRtcOptions _options;
    private readonly WebRtcTransportSettings _settings;
    private readonly ILogger _logger;
    private readonly Lazy<DtlsCertificate> _certificate;
    private readonly TransportResources _resources = new();
    private readonly object _muxGate = new();
    private UdpMux? _mux;

    /// <summary>Creates the factory; nothing is bound until the first transport.</summary>
    public WebRtcTransportFactory(WebRtcOptions options, TimeProvider time, ILogger<WebRtcTransportFactory>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        _options = options;
        _settings = new WebRtcTransportSettings(options.ConnectTimeout, options.ConsentTimeout, time);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _certificate = new Lazy<DtlsCertificate>(() => DtlsCertificate.Generate(time));
    }

    /// <summary>This node's DTLS certificate (its fingerprint goes into every answer).</summary>
    public DtlsCertificate Certificate => _certificate.Value;

    /// <inheritdoc />
    public WebRtcTransportFactoryStats Stats => new()
    {
        OpenTransports = _resources.Transports,
        OpenSockets = _resources.Sockets,
        UnroutedDropped = _resources.Unrouted,
        ActiveTimers = _resources.Timers,
        RunningTasks = _resources.Tasks,
    };

    /// <inheritdoc />
    public IWebRtcTransport Create(WebRtcRemotePeer remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        if (_options.UdpMuxAddress is { } muxAddress)
        {
            var mux = Mux(muxAddress);
            while (true)
            {
                var transport = new WebRtcTransport(remote, IceCredentials.Generate(), Certificate, _settings, _resources, _logger);
                if (mux.TryRegister(transport.LocalIce.Ufrag, transport))
                {
                    var advertised = new IPEndPoint(muxAddress.Address.Equals(IPAddress.Any) || muxAddress.Address.Equals(IPAddress.IPv6Any) ? _options.HostAddress : muxAddress.Address, mux.Socket.LocalEndPoint.Port);
                    transport.Attach(mux.Socket, advertised, from => mux.AddRoute(from, transport), () =>
                    {
                        mux.Remove(transport.LocalIce.Ufrag, transport);
                        return ValueTask.CompletedTask;
                    });
                    return transport;
                }

                _ = transport.DisposeAsync(); // a 48-bit ufrag collided: practically never
            }
        }

        var created = new WebRtcTransport(remote, IceCredentials.Generate(), Certificate, _settings, _resources, _logger);
        UdpSocketLoop socket;
        try
        {
            socket = new UdpSocketLoop(new IPEndPoint(_options.HostAddress, 0), created.Deliver, _resources);
        }
        catch
        {
            _ = created.DisposeAsync();
            throw;
        }

        created.Attach(socket, socket.LocalEndPoint, _ => { }, socket.DisposeAsync);
        return created;
    }

    /// <summary>Closes the shared socket (transports close themselves when disposed).</summary>
    public async ValueTask DisposeAsync()
    {
        UdpMux? mux;
        lock (_muxGate)
        {
            mux = _mux;
            _mux = null;
        }

        if (mux is not null)
        {
            await mux.DisposeAsync().ConfigureAwait(false);
        }
    }

    private UdpMux Mux(IPEndPoint address)
    {
        lock (_muxGate)
        {
            if (_mux is null)
            {
                _mux = new UdpMux(address, _resources);
                TransportLog.MuxListening(_logger, _mux.Socket.LocalEndPoint);
            }

            return _mux;
        }
    }
}
