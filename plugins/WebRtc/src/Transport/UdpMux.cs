using System.Collections.Concurrent;
using System.Net;
using Livepeer.Plugins.WebRtc.Stun;

namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>
/// The shared UDP socket (upstream's single-port mux on <c>LIVE_AI_WHIP_ADDR</c>/<c>LIVE_AI_WHEP_ADDR</c>): STUN is
/// routed by the first half of USERNAME (our ufrag, RFC 8445 §7.2.2), everything else by the remote address that a
/// transport validated with a good check; the rest is dropped and counted.
/// </summary>
internal sealed class UdpMux : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WebRtcTransport> _byUfrag = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<IPEndPoint, WebRtcTransport> _byAddress = new();
    private readonly TransportResources _resources;
    private readonly UdpSocketLoop _socket;

    public UdpMux(IPEndPoint bind, TransportResources resources)
    {
        _resources = resources;
        _socket = new UdpSocketLoop(bind, Dispatch, resources);
    }

    public UdpSocketLoop Socket => _socket;

    /// <summary>Routes checks for <paramref name="ufrag"/>; false when the ufrag is taken.</summary>
    public bool TryRegister(string ufrag, WebRtcTransport transport) => _byUfrag.TryAdd(ufrag, transport);

    /// <summary>Routes non-STUN datagrams from <paramref name="remote"/> to <paramref name="transport"/>.</summary>
    public void AddRoute(IPEndPoint remote, WebRtcTransport transport) => _byAddress[remote] = transport;

    /// <summary>Forgets every route to <paramref name="transport"/>.</summary>
    public void Remove(string ufrag, WebRtcTransport transport)
    {
        _byUfrag.TryRemove(new KeyValuePair<string, WebRtcTransport>(ufrag, transport));
        foreach (var route in _byAddress)
        {
            if (ReferenceEquals(route.Value, transport))
            {
                _byAddress.TryRemove(route);
            }
        }
    }

    public ValueTask DisposeAsync() => _socket.DisposeAsync();

    private void Dispatch(byte[] datagram, IPEndPoint from)
    {
        WebRtcTransport? target = null;
        if (PacketClassifier.Classify(datagram) == PacketKind.Stun)
        {
            if (StunMessage.TryParse(datagram, out var message, out _) && message.Username is { } username)
            {
                var colon = username.IndexOf(':', StringComparison.Ordinal);
                _byUfrag.TryGetValue(colon < 0 ? username : username[..colon], out target);
            }
        }
        else
        {
            _byAddress.TryGetValue(from, out target);
        }

        if (target is null)
        {
            _resources.UnroutedDropped();
            return;
        }

        target.Deliver(datagram, from);
    }
}
