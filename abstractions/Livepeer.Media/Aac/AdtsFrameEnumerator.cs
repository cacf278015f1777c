namespace Livepeer.Media.Aac;

/// <summary>Splits a buffer of consecutive ADTS frames (one MPEG-TS PES payload) into frames; use with <c>foreach</c>.</summary>
public ref struct AdtsFrameEnumerator
{
    private ReadOnlySpan<byte> _rest;
    private ReadOnlySpan<byte> _current;
    private AdtsHeader _header;

    /// <summary>Creates an enumerator over <paramref name="data"/>.</summary>
    public AdtsFrameEnumerator(ReadOnlySpan<byte> data)
    {
        _rest = data;
        _current = default;
        _header = default;
    }

    /// <summary>The current frame, header included.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>The current frame's header.</summary>
    public readonly AdtsHeader Header => _header;

    /// <summary>The current frame's raw AAC payload (after the header and CRC).</summary>
    public readonly ReadOnlySpan<byte> Payload => _current[_header.HeaderLength..];

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly AdtsFrameEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next frame; a frame running past the end throws <see cref="MediaFormatException"/>.</summary>
    public bool MoveNext()
    {
        if (_rest.IsEmpty)
        {
            return false;
        }

        _header = AdtsHeader.Parse(_rest);
        if (_header.FrameLength > _rest.Length)
        {
            throw new MediaFormatException($"ADTS frame of {_header.FrameLength} bytes runs past the end ({_rest.Length} left)");
        }

        _current = _rest[.._header.FrameLength];
        _rest = _rest[_header.FrameLength..];
        return true;
    }
}
