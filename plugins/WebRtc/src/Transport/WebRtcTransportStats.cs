namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>Counters of one transport (a snapshot).</summary>
public sealed record WebRtcTransportStats
{
    /// <summary>RTP packets received, authenticated and decrypted.</summary>
    public long RtpPacketsReceived { get; init; }

    /// <summary>RTCP packets received, authenticated and decrypted.</summary>
    public long RtcpPacketsReceived { get; init; }

    /// <summary>Plain bytes of the received RTP and RTCP packets.</summary>
    public long BytesReceived { get; init; }

    /// <summary>RTP packets protected and sent.</summary>
    public long RtpPacketsSent { get; init; }

    /// <summary>RTCP packets protected and sent.</summary>
    public long RtcpPacketsSent { get; init; }

    /// <summary>Protected bytes sent (RTP and RTCP).</summary>
    public long BytesSent { get; init; }

    /// <summary>Valid STUN binding requests answered.</summary>
    public long StunRequests { get; init; }

    /// <summary>STUN packets dropped or answered with an error: unparsable, bad FINGERPRINT, bad MESSAGE-INTEGRITY, wrong USERNAME.</summary>
    public long StunRejected { get; init; }

    /// <summary>DTLS records dropped: garbage, or arriving when the handshake queue is full.</summary>
    public long DtlsDropped { get; init; }

    /// <summary>SRTP/SRTCP packets that failed authentication (dropped).</summary>
    public long SrtpAuthFailures { get; init; }

    /// <summary>SRTP/SRTCP packets dropped as replays or too old for the replay window (RFC 3711 §3.3.2).</summary>
    public long SrtpReplays { get; init; }

    /// <summary>Packets dropped because they came from an address that passed no ICE check.</summary>
    public long UnknownSourceDropped { get; init; }

    /// <summary>Packets dropped because this transport's inbound queue was full (a flood).</summary>
    public long InboundQueueDropped { get; init; }

    /// <summary>Decrypted packets dropped because <see cref="IWebRtcTransport.Received"/> was not read fast enough.</summary>
    public long ReceiveQueueDropped { get; init; }

    /// <summary>Packets with a first byte outside every RFC 7983 range, or too short to classify.</summary>
    public long UnclassifiedDropped { get; init; }
}
