using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>SR: sender report (RFC 3550 §6.4.1), PT 200.</summary>
/// <param name="Ssrc">The sender.</param>
/// <param name="NtpTimestamp">64-bit NTP wall-clock time of the report.</param>
/// <param name="RtpTimestamp">The same instant in the stream's RTP clock.</param>
/// <param name="PacketCount">Packets sent.</param>
/// <param name="OctetCount">Payload octets sent.</param>
/// <param name="Reports">Reception report blocks (at most 31).</param>
public sealed record RtcpSenderReport(uint Ssrc, ulong NtpTimestamp, uint RtpTimestamp, uint PacketCount, uint OctetCount, IReadOnlyList<RtcpReportBlock> Reports) : RtcpPacket
{
    /// <inheritdoc />
    public override byte PacketType => 200;

    internal override int CountOrFormat => Reports.Count;

    internal override int BodySize => 24 + (Reports.Count * RtcpReportBlock.Size);

    /// <summary>The middle 32 bits of the NTP timestamp (what a report block's LSR echoes).</summary>
    public uint NtpMiddle => (uint)(NtpTimestamp >> 16);

    internal override void WriteBody(Span<byte> body)
    {
        BinaryPrimitives.WriteUInt32BigEndian(body, Ssrc);
        BinaryPrimitives.WriteUInt64BigEndian(body[4..], NtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(body[12..], RtpTimestamp);
        BinaryPrimitives.WriteUInt32BigEndian(body[16..], PacketCount);
        BinaryPrimitives.WriteUInt32BigEndian(body[20..], OctetCount);
        for (var i = 0; i < Reports.Count; i++)
        {
            Reports[i].Write(body[(24 + (i * RtcpReportBlock.Size))..]);
        }
    }
}
