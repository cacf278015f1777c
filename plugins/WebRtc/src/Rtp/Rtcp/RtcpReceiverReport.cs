using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>RR: receiver report (RFC 3550 §6.4.2), PT 201.</summary>
/// <param name="Ssrc">The reporter.</param>
/// <param name="Reports">Reception report blocks (at most 31).</param>
public sealed record RtcpReceiverReport(uint Ssrc, IReadOnlyList<RtcpReportBlock> Reports) : RtcpPacket
{
    /// <inheritdoc />
    public override byte PacketType => 201;

    internal override int CountOrFormat => Reports.Count;

    internal override int BodySize => 4 + (Reports.Count * RtcpReportBlock.Size);

    internal override void WriteBody(Span<byte> body)
    {
        BinaryPrimitives.WriteUInt32BigEndian(body, Ssrc);
        for (var i = 0; i < Reports.Count; i++)
        {
            Reports[i].Write(body[(4 + (i * RtcpReportBlock.Size))..]);
        }
    }
}
