using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>FIR (RFC 5104 §4.3.1): PSFB (PT 206) FMT 4; media source field 0, one FCI entry (SSRC, command sequence number) per target.</summary>
/// <param name="SenderSsrc">Our SSRC.</param>
/// <param name="Entries">Targets and their command sequence numbers (incremented per new request).</param>
public sealed record RtcpFullIntraRequest(uint SenderSsrc, IReadOnlyList<(uint Ssrc, byte SequenceNumber)> Entries) : RtcpPacket
{
    /// <inheritdoc />
    public override byte PacketType => 206;

    internal override int CountOrFormat => 4;

    internal override int BodySize => 8 + (8 * Entries.Count);

    internal override void WriteBody(Span<byte> body)
    {
        body.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(body, SenderSsrc);
        for (var i = 0; i < Entries.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(body[(8 + (8 * i))..], Entries[i].Ssrc);
            body[12 + (8 * i)] = Entries[i].SequenceNumber;
        }
    }

    internal static RtcpFullIntraRequest Read(ReadOnlySpan<byte> body)
    {
        var entries = new List<(uint, byte)>((body.Length - 8) / 8);
        for (var pos = 8; pos + 8 <= body.Length; pos += 8)
        {
            entries.Add((BinaryPrimitives.ReadUInt32BigEndian(body[pos..]), body[pos + 4]));
        }

        return new RtcpFullIntraRequest(BinaryPrimitives.ReadUInt32BigEndian(body), entries);
    }
}
