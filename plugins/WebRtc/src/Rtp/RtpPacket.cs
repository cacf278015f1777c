using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// An RTP packet (RFC 3550 §5.1): fixed header, CSRC list, one header extension (RFC 3550 §5.3.1 / RFC 8285 as
/// opaque bytes) and the payload without padding. Parsing slices the datagram (no copy).
/// </summary>
public sealed class RtpPacket
{
    /// <summary>Size of the fixed header.</summary>
    public const int HeaderSize = 12;

    /// <summary>The marker bit (H.264: last packet of an access unit, RFC 6184 §5.1).</summary>
    public bool Marker { get; init; }

    /// <summary>Payload type (0–127).</summary>
    public byte PayloadType { get; init; }

    /// <summary>Sequence number.</summary>
    public ushort SequenceNumber { get; init; }

    /// <summary>RTP timestamp in the payload's clock.</summary>
    public uint Timestamp { get; init; }

    /// <summary>Synchronisation source.</summary>
    public uint Ssrc { get; init; }

    /// <summary>Contributing sources (at most 15).</summary>
    public IReadOnlyList<uint> Csrcs { get; init; } = [];

    /// <summary>Header extension profile (0xBEDE one-byte, 0x1000 two-byte), or null without an extension.</summary>
    public ushort? ExtensionProfile { get; init; }

    /// <summary>Header extension data (a multiple of 4 bytes).</summary>
    public ReadOnlyMemory<byte> ExtensionData { get; init; }

    /// <summary>The payload (padding removed).</summary>
    public ReadOnlyMemory<byte> Payload { get; init; }

    /// <summary>Padding bytes to add when writing (the last one holds the count); 0 for none.</summary>
    public byte PaddingSize { get; init; }

    /// <summary>The encoded size.</summary>
    public int Size => HeaderSize + (4 * Csrcs.Count) + (ExtensionProfile is null ? 0 : 4 + ExtensionData.Length) + Payload.Length + PaddingSize;

    /// <summary>Whether the first byte looks like RTP/RTCP (RFC 7983: 128–191).</summary>
    public static bool IsRtpOrRtcp(ReadOnlySpan<byte> datagram) => datagram.Length > 0 && datagram[0] is >= 128 and <= 191;

    /// <summary>Whether an RTP/RTCP datagram is RTCP (RFC 5761 §4: payload type field 192–223 when muxed).</summary>
    public static bool IsRtcp(ReadOnlySpan<byte> datagram) => datagram.Length >= 2 && datagram[1] is >= 192 and <= 223;

    /// <summary>Parses a packet; throws <see cref="RtpFormatException"/> when malformed. The result slices <paramref name="datagram"/>.</summary>
    public static RtpPacket Parse(ReadOnlyMemory<byte> datagram) =>
        TryParse(datagram, out var packet, out var error) ? packet! : throw new RtpFormatException(error!);

    /// <summary>Parses a packet, returning false with a reason when malformed.</summary>
    public static bool TryParse(ReadOnlyMemory<byte> datagram, out RtpPacket? packet, out string? error)
    {
        packet = null;
        var span = datagram.Span;
        if (span.Length < HeaderSize)
        {
            error = "RTP packet shorter than the 12-byte header";
            return false;
        }

        if (span[0] >> 6 != 2)
        {
            error = "RTP version is not 2";
            return false;
        }

        var padding = (span[0] & 0x20) != 0;
        var extension = (span[0] & 0x10) != 0;
        var csrcCount = span[0] & 0x0F;
        var pos = HeaderSize + (4 * csrcCount);
        if (span.Length < pos)
        {
            error = "RTP CSRC list runs past the packet";
            return false;
        }

        var csrcs = csrcCount == 0 ? [] : new uint[csrcCount];
        for (var i = 0; i < csrcCount; i++)
        {
            csrcs[i] = BinaryPrimitives.ReadUInt32BigEndian(span[(HeaderSize + (4 * i))..]);
        }

        ushort? profile = null;
        ReadOnlyMemory<byte> extensionData = default;
        if (extension)
        {
            if (span.Length < pos + 4)
            {
                error = "RTP header extension truncated";
                return false;
            }

            profile = BinaryPrimitives.ReadUInt16BigEndian(span[pos..]);
            var length = 4 * BinaryPrimitives.ReadUInt16BigEndian(span[(pos + 2)..]);
            pos += 4;
            if (span.Length - pos < length)
            {
                error = "RTP header extension runs past the packet";
                return false;
            }

            extensionData = datagram.Slice(pos, length);
            pos += length;
        }

        var end = span.Length;
        byte paddingSize = 0;
        if (padding)
        {
            paddingSize = span[^1];
            if (paddingSize == 0 || paddingSize > end - pos)
            {
                error = "RTP padding count is zero or larger than the payload";
                return false;
            }

            end -= paddingSize;
        }

        packet = new RtpPacket
        {
            Marker = (span[1] & 0x80) != 0,
            PayloadType = (byte)(span[1] & 0x7F),
            SequenceNumber = BinaryPrimitives.ReadUInt16BigEndian(span[2..]),
            Timestamp = BinaryPrimitives.ReadUInt32BigEndian(span[4..]),
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(span[8..]),
            Csrcs = csrcs,
            ExtensionProfile = profile,
            ExtensionData = extensionData,
            Payload = datagram[pos..end],
            PaddingSize = paddingSize,
        };
        error = null;
        return true;
    }

    /// <summary>Writes the packet into <paramref name="destination"/> (at least <see cref="Size"/> bytes); returns the bytes written.</summary>
    public int Write(Span<byte> destination)
    {
        if (Csrcs.Count > 15 || PayloadType > 127 || ExtensionData.Length % 4 != 0 || ExtensionData.Length > 4 * ushort.MaxValue)
        {
            throw new InvalidOperationException("RTP packet fields out of range (CSRCs ≤ 15, PT ≤ 127, extension a multiple of 4 bytes)");
        }

        var size = Size;
        if (destination.Length < size)
        {
            throw new ArgumentException("destination too small for the RTP packet", nameof(destination));
        }

        destination[0] = (byte)(0x80 | (PaddingSize > 0 ? 0x20 : 0) | (ExtensionProfile is null ? 0 : 0x10) | Csrcs.Count);
        destination[1] = (byte)((Marker ? 0x80 : 0) | PayloadType);
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], SequenceNumber);
        BinaryPrimitives.WriteUInt32BigEndian(destination[4..], Timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(destination[8..], Ssrc);
        var pos = HeaderSize;
        foreach (var csrc in Csrcs)
        {
            BinaryPrimitives.WriteUInt32BigEndian(destination[pos..], csrc);
            pos += 4;
        }

        if (ExtensionProfile is { } profile)
        {
            BinaryPrimitives.WriteUInt16BigEndian(destination[pos..], profile);
            BinaryPrimitives.WriteUInt16BigEndian(destination[(pos + 2)..], (ushort)(ExtensionData.Length / 4));
            ExtensionData.Span.CopyTo(destination[(pos + 4)..]);
            pos += 4 + ExtensionData.Length;
        }

        Payload.Span.CopyTo(destination[pos..]);
        pos += Payload.Length;
        if (PaddingSize > 0)
        {
            destination.Slice(pos, PaddingSize - 1).Clear();
            destination[pos + PaddingSize - 1] = PaddingSize;
            pos += PaddingSize;
        }

        return pos;
    }

    /// <summary>The encoded packet as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        Write(bytes);
        return bytes;
    }
}
