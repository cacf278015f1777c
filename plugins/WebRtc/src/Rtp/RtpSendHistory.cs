namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// The last <see cref="Capacity"/> packets sent on one SSRC, by sequence number, for answering generic NACKs (RFC 4585
/// §6.2.1; RFC 4588 §3 asks for the original packet when no RTX is negotiated). Each packet is resent at most
/// <see cref="MaxResends"/> times, so a viewer's NACKs cannot multiply what we send. Holds references, no copies.
/// Not thread-safe.
/// </summary>
public sealed class RtpSendHistory
{
    /// <summary>Packets kept (a power of two: about 3 s of 1.5 Mbps video in 1200-byte packets).</summary>
    public const int Capacity = 512;

    /// <summary>Most retransmissions of one packet.</summary>
    public const int MaxResends = 2;

    private readonly Entry[] _entries = new Entry[Capacity];

    /// <summary>Packets handed back for retransmission.</summary>
    public long Resent { get; private set; }

    /// <summary>NACKed sequence numbers no longer (or never) held, or resent too often.</summary>
    public long Missed { get; private set; }

    /// <summary>Keeps a packet that was just sent (its whole plain RTP bytes).</summary>
    public void Add(ushort sequenceNumber, ReadOnlyMemory<byte> packet) =>
        _entries[sequenceNumber & (Capacity - 1)] = new Entry(sequenceNumber, packet, 0, true);

    /// <summary>The packet with <paramref name="sequenceNumber"/> to send again, or false when it is gone or resent enough.</summary>
    public bool TryResend(ushort sequenceNumber, out ReadOnlyMemory<byte> packet)
    {
        ref var entry = ref _entries[sequenceNumber & (Capacity - 1)];
        if (!entry.Used || entry.Sequence != sequenceNumber || entry.Resends >= MaxResends)
        {
            packet = default;
            Missed++;
            return false;
        }

        entry = entry with { Resends = entry.Resends + 1 };
        packet = entry.Packet;
        Resent++;
        return true;
    }

    private readonly record struct Entry(ushort Sequence, ReadOnlyMemory<byte> Packet, int Resends, bool Used);
}
