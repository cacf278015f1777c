using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>A reception report block (RFC 3550 §6.4.1), 24 bytes.</summary>
/// <param name="Ssrc">The source reported on.</param>
/// <param name="FractionLost">Fraction lost since the last report, × 256.</param>
/// <param name="CumulativeLost">Packets lost since the start (24-bit signed on the wire).</param>
/// <param name="ExtendedHighestSequence">Cycles × 65536 + highest sequence number received.</param>
/// <param name="Jitter">Interarrival jitter in timestamp units.</param>
/// <param name="LastSenderReport">Middle 32 bits of the last SR's NTP timestamp (0 if none).</param>
/// <param name="DelaySinceLastSenderReport">Delay since that SR in 1/65536 s.</param>
public sealed record RtcpReportBlock(uint Ssrc, byte FractionLost, int CumulativeLost, uint ExtendedHighestSequence, uint Jitter, uint LastSenderReport, uint DelaySinceLastSenderReport)
{
    internal const int Size = 24;

    internal static RtcpReportBlock Read(ReadOnlySpan<byte> b)
    {
        var lost = (b[5] << 16) | (b[6] << 8) | b[7];
        if ((lost & 0x800000) != 0)
        {
            lost |= unchecked((int)0xFF000000); // sign-extend 24 bits
        }

        return new RtcpReportBlock(
            BinaryPrimitives.ReadUInt32BigEndian(b), b[4], lost, BinaryPrimitives.ReadUInt32BigEndian(b[8..]),
            BinaryPrimitives.ReadUInt32BigEndian(b[12..]), BinaryPrimitives.ReadUInt32BigEndian(b[16..]), BinaryPrimitives.ReadUInt32BigEndian(b[20..]));
    }

    internal void Write(Span<byte> b)
    {
        var lost = Math.Clamp(CumulativeLost, -0x800000, 0x7FFFFF);
        BinaryPrimitives.WriteUInt32BigEndian(b, Ssrc);
        b[4] = FractionLost;
        b[5] = (byte)(lost >> 16);
        b[6] = (byte)(lost >> 8);
        b[7] = (byte)lost;
        BinaryPrimitives.WriteUInt32BigEndian(b[8..], ExtendedHighestSequence);
        BinaryPrimitives.WriteUInt32BigEndian(b[12..], Jitter);
        BinaryPrimitives.WriteUInt32BigEndian(b[16..], LastSenderReport);
        BinaryPrimitives.WriteUInt32BigEndian(b[20..], DelaySinceLastSenderReport);
    }
}
