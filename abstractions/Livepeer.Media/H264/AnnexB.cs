using System.Buffers;

namespace Livepeer.Media.H264;

/// <summary>
/// The Annex B byte-stream format (ITU-T H.264 Annex B): NAL units separated by 00 00 01 / 00 00 00 01 start codes.
/// Conversions to and from AVCC (length-prefixed, ISO/IEC 14496-15 §5.3.4.2) and keyframe detection.
/// </summary>
public static class AnnexB
{
    /// <summary>The four-byte start code this library writes before every NAL unit.</summary>
    public static ReadOnlySpan<byte> StartCode => [0, 0, 0, 1];

    /// <summary>Enumerates the NAL units of an Annex B buffer (without start codes or trailing zero bytes).</summary>
    public static AnnexBNalEnumerator EnumerateNalUnits(ReadOnlySpan<byte> data) => new(data);

    /// <summary>Whether the access unit contains an IDR slice (ITU-T H.264 §3.69).</summary>
    public static bool ContainsIdr(ReadOnlySpan<byte> annexB)
    {
        foreach (var nal in EnumerateNalUnits(annexB))
        {
            if (NalUnit.GetType(nal) == NalUnitType.IdrSlice)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Whether the buffer contains a NAL unit of the given type.</summary>
    public static bool Contains(ReadOnlySpan<byte> annexB, NalUnitType type)
    {
        foreach (var nal in EnumerateNalUnits(annexB))
        {
            if (NalUnit.GetType(nal) == type)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Converts Annex B to AVCC with <paramref name="lengthSize"/>-byte lengths (1–4); returns the bytes written.</summary>
    public static int ToAvcc(ReadOnlySpan<byte> annexB, int lengthSize, IBufferWriter<byte> output)
    {
        Avcc.CheckLengthSize(lengthSize);
        ArgumentNullException.ThrowIfNull(output);
        var total = 0;
        foreach (var nal in EnumerateNalUnits(annexB))
        {
            if (lengthSize < 4 && (ulong)nal.Length >= 1UL << (8 * lengthSize))
            {
                throw new MediaFormatException($"NAL unit of {nal.Length} bytes does not fit a {lengthSize}-byte length");
            }

            var span = output.GetSpan(lengthSize + nal.Length);
            Avcc.WriteLength(span, lengthSize, nal.Length);
            nal.CopyTo(span[lengthSize..]);
            output.Advance(lengthSize + nal.Length);
            total += lengthSize + nal.Length;
        }

        return total;
    }

    /// <summary>Converts Annex B to AVCC with <paramref name="lengthSize"/>-byte lengths into a new array.</summary>
    public static byte[] ToAvcc(ReadOnlySpan<byte> annexB, int lengthSize = 4)
    {
        var writer = new ArrayBufferWriter<byte>(annexB.Length + 16);
        ToAvcc(annexB, lengthSize, writer);
        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Writes NAL units as Annex B (four-byte start codes) into <paramref name="output"/>; returns the bytes written.</summary>
    public static int Write(IBufferWriter<byte> output, ReadOnlySpan<byte> nal)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(4 + nal.Length);
        StartCode.CopyTo(span);
        nal.CopyTo(span[4..]);
        output.Advance(4 + nal.Length);
        return 4 + nal.Length;
    }

    internal static void ThrowNoStartCode() => throw new MediaFormatException("Annex B data does not start with a start code");
}

/// <summary>Enumerates the NAL units of an Annex B buffer; use with <c>foreach</c>.</summary>
public ref struct AnnexBNalEnumerator
{
    private ReadOnlySpan<byte> _rest;
    private ReadOnlySpan<byte> _current;

    internal AnnexBNalEnumerator(ReadOnlySpan<byte> data)
    {
        _current = default;
        var first = IndexOfStartCode(data, out var codeLength);
        if (first < 0)
        {
            if (!data.IsEmpty && data.IndexOfAnyExcept((byte)0) >= 0)
            {
                AnnexB.ThrowNoStartCode();
            }

            _rest = default;
        }
        else
        {
            if (data[..first].IndexOfAnyExcept((byte)0) >= 0)
            {
                AnnexB.ThrowNoStartCode();
            }

            _rest = data[(first + codeLength)..];
        }
    }

    /// <summary>The current NAL unit.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly AnnexBNalEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next non-empty NAL unit.</summary>
    public bool MoveNext()
    {
        while (!_rest.IsEmpty)
        {
            var next = IndexOfStartCode(_rest, out var codeLength);
            ReadOnlySpan<byte> nal;
            if (next < 0)
            {
                nal = _rest;
                _rest = default;
            }
            else
            {
                nal = _rest[..next];
                _rest = _rest[(next + codeLength)..];
            }

            // trailing_zero_8bits belong to no NAL unit (ITU-T H.264 §B.1.1).
            var end = nal.LastIndexOfAnyExcept((byte)0);
            if (end >= 0)
            {
                _current = nal[..(end + 1)];
                return true;
            }
        }

        return false;
    }

    private static int IndexOfStartCode(ReadOnlySpan<byte> data, out int length)
    {
        ReadOnlySpan<byte> pattern = [0, 0, 1];
        var i = data.IndexOf(pattern);
        length = 3;
        return i;
    }
}
