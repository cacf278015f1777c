namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>Counters over a factory's sockets (a snapshot).</summary>
public sealed record WebRtcTransportFactoryStats
{
    /// <summary>Transports open now.</summary>
    public int OpenTransports { get; init; }

    /// <summary>UDP sockets open now (one per transport, or the one shared mux socket).</summary>
    public int OpenSockets { get; init; }

    /// <summary>Transport timers running now (one per open transport).</summary>
    public int ActiveTimers { get; init; }

    /// <summary>Socket receive loops, transport tasks and DTLS handshake threads running now.</summary>
    public int RunningTasks { get; init; }

    /// <summary>Datagrams on the shared mux that matched no transport (unknown ufrag or unknown remote address).</summary>
    public long UnroutedDropped { get; init; }
}
