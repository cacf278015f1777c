namespace Livepeer.Media.Bits;

/// <summary>
/// Reads a big-endian bit string (ITU-T H.264 §7.2 read_bits / ue(v) / se(v)). Reading past the end throws
/// <see cref="MediaFormatException"/>, so a truncated header can never become an index exception.
/// </summary>
public ref struct BitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _position;

    /// <summary>Creates a reader at the first bit of <paramref name="data"/>.</summary>
    public BitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
        _position = 0;
    }

    /// <summary>Bits read so far.</summary>
    public readonly int Position => _position;

    /// <summary>Bits left.</summary>
    public readonly int Remaining => (_data.Length * 8) - _position;

    /// <summary>Reads one bit.</summary>
    public bool ReadBit() => ReadBits(1) != 0;

    /// <summary>Reads <paramref name="count"/> bits (0–32) as an unsigned number.</summary>
    public uint ReadBits(int count)
    {
        if ((uint)count > 32)
        {
            throw new ArgumentOutOfRangeException(nameof(count));
        }

        if (count > Remaining)
        {
            throw new MediaFormatException("bit string truncated");
        }

        uint value = 0;
        for (var i = 0; i < count; i++)
        {
            var b = _data[_position >> 3];
            value = (value << 1) | (uint)((b >> (7 - (_position & 7))) & 1);
            _position++;
        }

        return value;
    }

    /// <summary>Skips <paramref name="count"/> bits.</summary>
    public void Skip(int count)
    {
        if (count < 0 || count > Remaining)
        {
            throw new MediaFormatException("bit string truncated");
        }

        _position += count;
    }

    /// <summary>Reads an unsigned Exp-Golomb code, ue(v) (ITU-T H.264 §9.1).</summary>
    public uint ReadUe()
    {
        var zeros = 0;
        while (!ReadBit())
        {
            if (++zeros > 31)
            {
                throw new MediaFormatException("Exp-Golomb code longer than 32 bits");
            }
        }

        return zeros == 0 ? 0 : (uint)(((1UL << zeros) - 1) + ReadBits(zeros));
    }

    /// <summary>Reads a signed Exp-Golomb code, se(v) (ITU-T H.264 §9.1.1).</summary>
    public int ReadSe()
    {
        var k = ReadUe();
        return (k & 1) != 0 ? (int)((k + 1) / 2) : -(int)(k / 2);
    }
}
