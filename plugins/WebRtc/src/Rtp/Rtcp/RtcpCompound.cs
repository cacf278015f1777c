using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>
/// Compound RTCP (RFC 3550 §6.1) parse/build. Reduced-size RTCP (RFC 5506, a=rtcp-rsize: a lone PLI or NACK) is
/// accepted, so the first packet need not be SR/RR. Every length is checked against the datagram; padding is only
/// allowed on the last packet (RFC 3550 A.2).
/// </summary>
public static class RtcpCompound
{
    /// <summary>Most packets parsed from one datagram.</summary>
    public const int MaxPackets = 64;

    /// <summary>Parses a datagram; throws <see cref="RtpFormatException"/> when malformed.</summary>
    public static IReadOnlyList<RtcpPacket> Parse(ReadOnlyMemory<byte> datagram)
    {
        var packets = new List<RtcpPacket>();
        var span = datagram.Span;
        var pos = 0;
        if (span.Length < 4)
        {
            throw new RtpFormatException("RTCP packet shorter than its 4-byte header");
        }

        while (pos < span.Length)
        {
            if (packets.Count >= MaxPackets)
            {
                throw new RtpFormatException($"more than {MaxPackets} RTCP packets in one datagram");
            }

            if (span.Length - pos < 4)
            {
                throw new RtpFormatException("RTCP header truncated");
            }

            if (span[pos] >> 6 != 2)
            {
                throw new RtpFormatException("RTCP version is not 2");
            }

            var padding = (span[pos] & 0x20) != 0;
            var count = span[pos] & 0x1F;
            var type = span[pos + 1];
            var length = 4 * (BinaryPrimitives.ReadUInt16BigEndian(span[(pos + 2)..]) + 1);
            if (length > span.Length - pos)
            {
                throw new RtpFormatException("RTCP length runs past the datagram");
            }

            var bodyLength = length - 4;
            if (padding)
            {
                if (pos + length != span.Length)
                {
                    throw new RtpFormatException("RTCP padding on a packet that is not the last");
                }

                var pad = span[pos + length - 1];
                if (pad == 0 || pad > bodyLength)
                {
                    throw new RtpFormatException("RTCP padding count is zero or too large");
                }

                bodyLength -= pad;
            }

            packets.Add(ReadOne(type, count, datagram.Slice(pos + 4, bodyLength)));
            pos += length;
        }

        return packets;
    }

    /// <summary>Like <see cref="Parse"/> but returns false with a reason.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> datagram, out IReadOnlyList<RtcpPacket> packets, out string? error)
    {
        try
        {
            packets = Parse(datagram);
            error = null;
            return true;
        }
        catch (RtpFormatException e)
        {
            packets = [];
            error = e.Message;
            return false;
        }
    }

    /// <summary>The encoded size of a compound packet.</summary>
    public static int GetSize(IEnumerable<RtcpPacket> packets) => packets.Sum(p => 4 + p.BodySize);

    /// <summary>Encodes a compound packet.</summary>
    public static byte[] Write(IReadOnlyList<RtcpPacket> packets)
    {
        ArgumentNullException.ThrowIfNull(packets);
        var bytes = new byte[GetSize(packets)];
        var pos = 0;
        foreach (var packet in packets)
        {
            var body = packet.BodySize;
            if (packet.CountOrFormat > 31 || body % 4 != 0)
            {
                throw new InvalidOperationException("RTCP count above 31 or body not a multiple of 4 bytes");
            }

            bytes[pos] = (byte)(0x80 | packet.CountOrFormat);
            bytes[pos + 1] = packet.PacketType;
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(pos + 2), (ushort)(body / 4));
            packet.WriteBody(bytes.AsSpan(pos + 4, body));
            pos += 4 + body;
        }

        return bytes;
    }

    private static RtcpPacket ReadOne(byte type, int count, ReadOnlyMemory<byte> body)
    {
        var b = body.Span;
        switch (type)
        {
            case 200:
                Need(b, 24 + (count * RtcpReportBlock.Size), "SR");
                return new RtcpSenderReport(
                    BinaryPrimitives.ReadUInt32BigEndian(b), BinaryPrimitives.ReadUInt64BigEndian(b[4..]), BinaryPrimitives.ReadUInt32BigEndian(b[12..]),
                    BinaryPrimitives.ReadUInt32BigEndian(b[16..]), BinaryPrimitives.ReadUInt32BigEndian(b[20..]), Blocks(b[24..], count));
            case 201:
                Need(b, 4 + (count * RtcpReportBlock.Size), "RR");
                return new RtcpReceiverReport(BinaryPrimitives.ReadUInt32BigEndian(b), Blocks(b[4..], count));
            case 202:
                return RtcpSourceDescription.Read(b, count);
            case 203:
                return RtcpBye.Read(b, count);
            case 205 when count == 1:
                Need(b, 8, "NACK");
                return RtcpGenericNack.Read(b);
            case 206 when count == 1:
                Need(b, 8, "PLI");
                return new RtcpPictureLossIndication(BinaryPrimitives.ReadUInt32BigEndian(b), BinaryPrimitives.ReadUInt32BigEndian(b[4..]));
            case 206 when count == 4:
                Need(b, 8, "FIR");
                return RtcpFullIntraRequest.Read(b);
            default:
                return new RtcpUnknown(type, count, body);
        }
    }

    private static RtcpReportBlock[] Blocks(ReadOnlySpan<byte> b, int count)
    {
        var blocks = new RtcpReportBlock[count];
        for (var i = 0; i < count; i++)
        {
            blocks[i] = RtcpReportBlock.Read(b[(i * RtcpReportBlock.Size)..]);
        }

        return blocks;
    }

    private static void Need(ReadOnlySpan<byte> body, int size, string what)
    {
        if (body.Length < size)
        {
            throw new RtpFormatException($"RTCP {what} shorter than its fields");
        }
    }
}
