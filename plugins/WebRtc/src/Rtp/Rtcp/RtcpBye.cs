using System.Buffers.Binary;
using System.Text;

namespace Livepeer.Plugins.WebRtc.Rtp.Rtcp;

/// <summary>BYE (RFC 3550 §6.6), PT 203: sources leaving, with an optional reason.</summary>
/// <param name="Sources">The SSRCs/CSRCs that leave.</param>
/// <param name="Reason">Reason text, or empty.</param>
public sealed record RtcpBye(IReadOnlyList<uint> Sources, string Reason) : RtcpPacket
{
    /// <inheritdoc />
    public override byte PacketType => 203;

    internal override int CountOrFormat => Sources.Count;

    internal override int BodySize => (4 * Sources.Count) + (Reason.Length == 0 ? 0 : (1 + Encoding.UTF8.GetByteCount(Reason) + 3) & ~3);

    internal override void WriteBody(Span<byte> body)
    {
        body.Clear();
        for (var i = 0; i < Sources.Count; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(body[(4 * i)..], Sources[i]);
        }

        if (Reason.Length > 0)
        {
            var text = Encoding.UTF8.GetBytes(Reason);
            if (text.Length > 255)
            {
                throw new InvalidOperationException("BYE reason longer than 255 bytes");
            }

            var pos = 4 * Sources.Count;
            body[pos] = (byte)text.Length;
            text.CopyTo(body[(pos + 1)..]);
        }
    }

    internal static RtcpBye Read(ReadOnlySpan<byte> body, int count)
    {
        if (body.Length < 4 * count)
        {
            throw new RtpFormatException("BYE source list runs past the packet");
        }

        var sources = new uint[count];
        for (var i = 0; i < count; i++)
        {
            sources[i] = BinaryPrimitives.ReadUInt32BigEndian(body[(4 * i)..]);
        }

        var rest = body[(4 * count)..];
        var reason = "";
        if (!rest.IsEmpty && rest[0] > 0)
        {
            if (1 + rest[0] > rest.Length)
            {
                throw new RtpFormatException("BYE reason runs past the packet");
            }

            reason = Encoding.UTF8.GetString(rest.Slice(1, rest[0]));
        }

        return new RtcpBye(sources, reason);
    }
}
