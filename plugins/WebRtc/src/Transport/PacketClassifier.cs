namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>What a datagram on the shared ICE/DTLS/SRTP port is.</summary>
internal enum PacketKind
{
    /// <summary>First byte outside every range below.</summary>
    Unknown,

    /// <summary>First byte 0–3 (RFC 7983 §7).</summary>
    Stun,

    /// <summary>First byte 20–63.</summary>
    Dtls,

    /// <summary>First byte 128–191, second byte outside 192–223.</summary>
    Rtp,

    /// <summary>First byte 128–191, second byte 192–223 (RFC 5761 §4: RTCP packet types 192–223 with rtcp-mux).</summary>
    Rtcp,
}

/// <summary>Demultiplexes one UDP port by the first byte (RFC 7983 §7, updating RFC 5764 §5.1.2) and RTP from RTCP (RFC 5761 §4).</summary>
internal static class PacketClassifier
{
    public static PacketKind Classify(ReadOnlySpan<byte> datagram)
    {
        if (datagram.IsEmpty)
        {
            return PacketKind.Unknown;
        }

        return datagram[0] switch
        {
            <= 3 => datagram.Length >= 20 ? PacketKind.Stun : PacketKind.Unknown,
            >= 20 and <= 63 => datagram.Length >= 13 ? PacketKind.Dtls : PacketKind.Unknown, // a DTLS record header is 13 bytes
            >= 128 and <= 191 when datagram.Length >= 12 => datagram[1] is >= 192 and <= 223 ? PacketKind.Rtcp : PacketKind.Rtp,
            _ => PacketKind.Unknown,
        };
    }
}
