namespace Livepeer.Media.Bits;

/// <summary>Writes a big-endian bit string into a span; writing past the end throws <see cref="ArgumentException"/>.</summary>
public ref struct BitWriter
{
    private readonly Span<byte> _data;
    private int _position;

    /// <summary>Creates a writer at the first bit of <paramref name="data"/>; the span is cleared first.</summary>
    public BitWriter(Span<byte> data)
    {
        _data = data;
        _data.Clear();
        _position = 0;
    }

    /// <summary>Bits written so far.</summary>
    public readonly int Position => _position;

    /// <summary>Whole bytes touched so far (the last one possibly partial).</summary>
    public readonly int BytesWritten => (_position + 7) >> 3;

    /// <summary>Writes the low <paramref name="count"/> bits (0–32) of <paramref name="value"/>, most significant first.</summary>
    public void WriteBits(uint value, int count)
    {
        if ((uint)count > 32 || _position + count > _data.Length * 8)
        {
            throw new ArgumentException("bit writer overflow", nameof(count));
        }

        for (var i = count - 1; i >= 0; i--)
        {
            if (((value >> i) & 1) != 0)
            {
                _data[_position >> 3] |= (byte)(0x80 >> (_position & 7));
            }

            _position++;
        }
    }

    /// <summary>Writes one bit.</summary>
    public void WriteBit(bool bit) => WriteBits(bit ? 1u : 0u, 1);

    /// <summary>Writes an unsigned Exp-Golomb code, ue(v) (ITU-T H.264 §9.1).</summary>
    public void WriteUe(uint value)
    {
        var v = (ulong)value + 1;
        var bits = 64 - System.Numerics.BitOperations.LeadingZeroCount(v);
        WriteBits(0, bits - 1);
        if (bits > 32)
        {
            WriteBits((uint)(v >> 32), bits - 32);
            WriteBits((uint)v, 32);
        }
        else
        {
            WriteBits((uint)v, bits);
        }
    }
}
