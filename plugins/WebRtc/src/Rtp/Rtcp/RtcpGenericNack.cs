using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>Generic NACK (RFC 4585 §6.2.1): RTPFB (PT 205) FMT 1; FCI entries of a packet id and a bitmask of the 16 following.</summary>
/// <param name="SenderSsrc">Our SSRC.</param>
/// <param name="MediaSsrc">The source whose packets are missing.</param>
/// <param name="Lost">The missing sequence numbers.</param>
public sealed record RtcpGenericNack(uint SenderSsrc, uint MediaSsrc, IReadOnlyList<ushort> Lost) : RtcpPacket
{
    /// <inheritdoc />
    public override byte PacketType => 205;

    internal override int CountOrFormat => 1;

    internal override int BodySize => 8 + (4 * Entries().Count);

    internal override void WriteBody(Span<byte> body)
    {
        BinaryPrimitives.WriteUInt32BigEndian(body, SenderSsrc);
        BinaryPrimitives.WriteUInt32BigEndian(body[4..], MediaSsrc);
        var pos = 8;
        foreach (var (pid, blp) in Entries())
        {
            BinaryPrimitives.WriteUInt16BigEndian(body[pos..], pid);
            BinaryPrimitives.WriteUInt16BigEndian(body[(pos + 2)..], blp);
            pos += 4;
        }
    }

    private List<(ushort Pid, ushort Blp)> Entries()
    {
        var entries = new List<(ushort, ushort)>();
        foreach (var seq in Lost)
        {
            var last = entries.Count - 1;
            var offset = last >= 0 ? (ushort)(seq - entries[last].Item1) : 0;
            if (last >= 0 && offset is >= 1 and <= 16)
            {
                entries[last] = (entries[last].Item1, (ushort)(entries[last].Item2 | (1 << (offset - 1))));
            }
            else if (last < 0 || offset != 0)
            {
                entries.Add((seq, 0));
            }
        }

        return entries;
    }

    internal static RtcpGenericNack Read(ReadOnlySpan<byte> body)
    {
        var lost = new List<ushort>();
        for (var pos = 8; pos + 4 <= body.Length; pos += 4)
        {
            var pid = BinaryPrimitives.ReadUInt16BigEndian(body[pos..]);
            var blp = BinaryPrimitives.ReadUInt16BigEndian(body[(pos + 2)..]);
            lost.Add(pid);
            for (var bit = 0; bit < 16; bit++)
            {
                if ((blp & (1 << bit)) != 0)
                {
                    lost.Add((ushort)(pid + bit + 1));
                }
            }
        }

        return new RtcpGenericNack(BinaryPrimitives.ReadUInt32BigEndian(body), BinaryPrimitives.ReadUInt32BigEndian(body[4..]), lost);
    }
}
