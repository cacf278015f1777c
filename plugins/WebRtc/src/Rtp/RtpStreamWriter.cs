namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// The sending side of one RTP stream: fixed SSRC and payload type, consecutive sequence numbers from a random start
/// (RFC 3550 §5.1), and the packet/octet counts a sender report needs.
/// </summary>
public sealed class RtpStreamWriter
{
    private ushort _sequence;

    /// <summary>Creates the stream; pick <paramref name="ssrc"/> and <paramref name="initialSequence"/> at random.</summary>
    public RtpStreamWriter(uint ssrc, byte payloadType, ushort initialSequence)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadType, (byte)127);
        Ssrc = ssrc;
        PayloadType = payloadType;
        _sequence = initialSequence;
    }

    /// <summary>The synchronisation source.</summary>
    public uint Ssrc { get; }

    /// <summary>The payload type.</summary>
    public byte PayloadType { get; }

    /// <summary>The sequence number the next packet gets.</summary>
    public ushort NextSequence => _sequence;

    /// <summary>Packets produced (RTCP SR sender's packet count).</summary>
    public long PacketCount { get; private set; }

    /// <summary>Payload octets produced (RTCP SR sender's octet count).</summary>
    public long OctetCount { get; private set; }

    /// <summary>The RTP timestamp of the last packet.</summary>
    public uint LastTimestamp { get; private set; }

    /// <summary>Makes the next packet.</summary>
    public RtpPacket Next(ReadOnlyMemory<byte> payload, uint timestamp, bool marker)
    {
        var packet = new RtpPacket
        {
            Marker = marker,
            PayloadType = PayloadType,
            SequenceNumber = _sequence++,
            Timestamp = timestamp,
            Ssrc = Ssrc,
            Payload = payload,
        };
        PacketCount++;
        OctetCount += payload.Length;
        LastTimestamp = timestamp;
        return packet;
    }
}
