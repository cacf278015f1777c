using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>SDES (RFC 3550 §6.5), PT 202: one chunk per source; only CNAME (item 1) is kept, other items are skipped.</summary>
/// <param name="Chunks">(SSRC, CNAME) pairs; CNAME is empty when the chunk has none.</param>
public sealed record RtcpSourceDescription(IReadOnlyList<(uint Ssrc, string Cname)> Chunks) : RtcpPacket
{
    /// <inheritdoc />
    public override byte PacketType => 202;

    internal override int CountOrFormat => Chunks.Count;

    internal override int BodySize => Chunks.Sum(c => ChunkSize(c.Cname));

    // SSRC + (type, length, text) + at least one null octet, padded to 32 bits.
    private static int ChunkSize(string cname) => (4 + 2 + Encoding.UTF8.GetByteCount(cname) + 1 + 3) & ~3;

    internal override void WriteBody(Span<byte> body)
    {
        body.Clear();
        var pos = 0;
        foreach (var (ssrc, cname) in Chunks)
        {
            var text = Encoding.UTF8.GetBytes(cname);
            if (text.Length > 255)
            {
                throw new InvalidOperationException("CNAME longer than 255 bytes");
            }

            BinaryPrimitives.WriteUInt32BigEndian(body[pos..], ssrc);
            body[pos + 4] = 1;
            body[pos + 5] = (byte)text.Length;
            text.CopyTo(body[(pos + 6)..]);
            pos += ChunkSize(cname);
        }
    }

    internal static RtcpSourceDescription Read(ReadOnlySpan<byte> body, int count)
    {
        var chunks = new List<(uint, string)>(count);
        var pos = 0;
        for (var i = 0; i < count; i++)
        {
            if (body.Length - pos < 4)
            {
                throw new RtpFormatException("SDES chunk truncated");
            }

            var ssrc = BinaryPrimitives.ReadUInt32BigEndian(body[pos..]);
            pos += 4;
            var cname = "";
            while (true)
            {
                if (pos >= body.Length)
                {
                    throw new RtpFormatException("SDES items run past the packet");
                }

                var type = body[pos];
                if (type == 0)
                {
                    pos = (pos + 4) & ~3; // null item, then padding to the next 32-bit boundary
                    break;
                }

                if (pos + 2 > body.Length || pos + 2 + body[pos + 1] > body.Length)
                {
                    throw new RtpFormatException("SDES item runs past the packet");
                }

                if (type == 1)
                {
                    cname = Encoding.UTF8.GetString(body.Slice(pos + 2, body[pos + 1]));
                }

                pos += 2 + body[pos + 1];
            }

            chunks.Add((ssrc, cname));
        }

        return new RtcpSourceDescription(chunks);
    }
}
