using System.Buffers;
using System.Buffers.Binary;

namespace Livepeer.Media.Flv;

/// <summary>
/// The FLV file form (FLV spec v10, E.2 header and E.3 body): a 9-byte header, then tags each followed by
/// its PreviousTagSize. Used for tests, recordings and tools; RTMP carries tag bodies without this framing.
/// </summary>
public static class FlvFile
{
    /// <summary>The file header's length.</summary>
    public const int HeaderLength = 9;

    /// <summary>Writes the header and the first PreviousTagSize (0).</summary>
    public static void WriteHeader(IBufferWriter<byte> output, bool hasAudio, bool hasVideo)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(HeaderLength + 4);
        "FLV"u8.CopyTo(span);
        span[3] = 1;
        span[4] = (byte)((hasAudio ? 0x04 : 0) | (hasVideo ? 0x01 : 0));
        BinaryPrimitives.WriteUInt32BigEndian(span[5..], HeaderLength);
        BinaryPrimitives.WriteUInt32BigEndian(span[9..], 0);
        output.Advance(HeaderLength + 4);
    }

    /// <summary>Writes one tag and its PreviousTagSize.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The body is larger than <see cref="FlvTag.MaxDataLength"/>.</exception>
    public static void WriteTag(IBufferWriter<byte> output, FlvTag tag)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(tag.Data.Length, FlvTag.MaxDataLength);
        var total = FlvTag.HeaderLength + tag.Data.Length;
        var span = output.GetSpan(total + 4);
        span[0] = (byte)tag.Type;
        WriteUInt24(span[1..], (uint)tag.Data.Length);
        WriteUInt24(span[4..], tag.Timestamp & 0xFFFFFF);
        span[7] = (byte)(tag.Timestamp >> 24); // TimestampExtended: the upper 8 bits
        WriteUInt24(span[8..], 0); // StreamID: always 0
        tag.Data.Span.CopyTo(span[FlvTag.HeaderLength..]);
        BinaryPrimitives.WriteUInt32BigEndian(span[total..], (uint)total);
        output.Advance(total + 4);
    }

    /// <summary>Reads a whole FLV file; tag bodies alias <paramref name="data"/>.</summary>
    /// <exception cref="MediaFormatException">The file is malformed or truncated.</exception>
    public static (bool HasAudio, bool HasVideo, IReadOnlyList<FlvTag> Tags) Read(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.Length < HeaderLength || !span[..3].SequenceEqual("FLV"u8))
        {
            throw new MediaFormatException("FLV: no 'FLV' signature.");
        }

        var offset = BinaryPrimitives.ReadUInt32BigEndian(span[5..]);
        if (offset < HeaderLength || offset > (uint)span.Length)
        {
            throw new MediaFormatException($"FLV: header length {offset} is invalid.");
        }

        var tags = new List<FlvTag>();
        var position = (int)offset + 4; // skip PreviousTagSize0
        while (position < span.Length)
        {
            if (span.Length - position < FlvTag.HeaderLength)
            {
                throw new MediaFormatException($"FLV: truncated tag header at {position}.");
            }

            var header = span.Slice(position, FlvTag.HeaderLength);
            var type = (FlvTagType)(header[0] & 0x1F); // the top bits are reserved and the filter flag
            if (type is not (FlvTagType.Audio or FlvTagType.Video or FlvTagType.ScriptData))
            {
                throw new MediaFormatException($"FLV: unknown tag type {header[0] & 0x1F} at {position}.");
            }

            var size = (int)ReadUInt24(header[1..]);
            var timestamp = ReadUInt24(header[4..]) | ((uint)header[7] << 24);
            var body = position + FlvTag.HeaderLength;
            if (size > span.Length - body)
            {
                throw new MediaFormatException($"FLV: tag of {size} bytes at {position} runs past the end.");
            }

            tags.Add(new FlvTag(type, timestamp, data.Slice(body, size)));
            position = body + size + 4; // PreviousTagSize is not checked: writers disagree on it
        }

        return ((span[4] & 0x04) != 0, (span[4] & 0x01) != 0, tags);
    }

    private static uint ReadUInt24(ReadOnlySpan<byte> span) => (uint)((span[0] << 16) | (span[1] << 8) | span[2]);

    private static void WriteUInt24(Span<byte> span, uint value)
    {
        span[0] = (byte)(value >> 16);
        span[1] = (byte)(value >> 8);
        span[2] = (byte)value;
    }
}
