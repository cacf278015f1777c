using System.Buffers;
using System.Buffers.Binary;

namespace Livepeer.Media.H264;

/// <summary>
/// AVCC samples: NAL units each prefixed by a 1–4 byte big-endian length (ISO/IEC 14496-15 §5.3.4.2), as carried
/// in FLV/RTMP and MP4. Conversion to Annex B and keyframe detection.
/// </summary>
public static class Avcc
{
    /// <summary>Enumerates the NAL units of an AVCC sample; a length past the end throws <see cref="MediaFormatException"/>.</summary>
    public static AvccNalEnumerator EnumerateNalUnits(ReadOnlySpan<byte> data, int lengthSize = 4)
    {
        CheckLengthSize(lengthSize);
        return new AvccNalEnumerator(data, lengthSize);
    }

    /// <summary>Converts an AVCC sample to Annex B (four-byte start codes); returns the bytes written.</summary>
    public static int ToAnnexB(ReadOnlySpan<byte> avcc, int lengthSize, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var total = 0;
        foreach (var nal in EnumerateNalUnits(avcc, lengthSize))
        {
            total += AnnexB.Write(output, nal);
        }

        return total;
    }

    /// <summary>Converts an AVCC sample to Annex B into a new array.</summary>
    public static byte[] ToAnnexB(ReadOnlySpan<byte> avcc, int lengthSize = 4)
    {
        var writer = new ArrayBufferWriter<byte>(avcc.Length + 16);
        ToAnnexB(avcc, lengthSize, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Whether the AVCC sample contains an IDR slice.</summary>
    public static bool ContainsIdr(ReadOnlySpan<byte> avcc, int lengthSize = 4)
    {
        foreach (var nal in EnumerateNalUnits(avcc, lengthSize))
        {
            if (NalUnit.GetType(nal) == NalUnitType.IdrSlice)
            {
                return true;
            }
        }

        return false;
    }

    internal static void CheckLengthSize(int lengthSize)
    {
        if (lengthSize is < 1 or > 4)
        {
            throw new MediaFormatException($"NAL length size {lengthSize} is not 1–4");
        }
    }

    internal static void WriteLength(Span<byte> span, int lengthSize, int length)
    {
        for (var i = lengthSize - 1; i >= 0; i--)
        {
            span[i] = (byte)length;
            length >>= 8;
        }
    }

    internal static int ReadLength(ReadOnlySpan<byte> span, int lengthSize) => lengthSize switch
    {
        1 => span[0],
        2 => BinaryPrimitives.ReadUInt16BigEndian(span),
        3 => (span[0] << 16) | (span[1] << 8) | span[2],
        _ => BinaryPrimitives.ReadInt32BigEndian(span) is var n && n >= 0 ? n : throw new MediaFormatException("NAL length over 2 GiB"),
    };
}

/// <summary>Enumerates the NAL units of an AVCC sample; use with <c>foreach</c>.</summary>
public ref struct AvccNalEnumerator
{
    private readonly int _lengthSize;
    private ReadOnlySpan<byte> _rest;
    private ReadOnlySpan<byte> _current;

    internal AvccNalEnumerator(ReadOnlySpan<byte> data, int lengthSize)
    {
        _rest = data;
        _lengthSize = lengthSize;
        _current = default;
    }

    /// <summary>The current NAL unit.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly AvccNalEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next NAL unit (zero-length entries are skipped).</summary>
    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            if (_rest.Length < _lengthSize)
            {
                throw new MediaFormatException("AVCC sample truncated in a NAL length");
            }

            var length = Avcc.ReadLength(_rest, _lengthSize);
            if (length > _rest.Length - _lengthSize)
            {
                throw new MediaFormatException($"AVCC NAL length {length} runs past the sample end");
            }

            _current = _rest.Slice(_lengthSize, length);
            _rest = _rest[(_lengthSize + length)..];
            if (length > 0)
            {
                return true;
            }
        }

        return false;
    }
}
