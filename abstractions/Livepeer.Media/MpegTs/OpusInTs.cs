using System.Buffers;

namespace Livepeer.Media.MpegTs;

/// <summary>
/// Opus packets in MPEG-TS PES payloads (ETSI TS 102 366-style opus_control_header, as written by ffmpeg and
/// mediacommon): 0x7FE0 prefix with trim flags, au_size as a run of 0xFF bytes plus a final byte, optional trims.
/// </summary>
public static class OpusInTs
{
    /// <summary>Writes one Opus packet with its control header; returns the bytes written.</summary>
    public static int Write(IBufferWriter<byte> output, ReadOnlySpan<byte> opusPacket)
    {
        ArgumentNullException.ThrowIfNull(output);
        var sizeBytes = (opusPacket.Length / 255) + 1;
        var total = 2 + sizeBytes + opusPacket.Length;
        var span = output.GetSpan(total);
        span[0] = 0x7F;
        span[1] = 0xE0;
        var n = opusPacket.Length;
        var pos = 2;
        while (n >= 255)
        {
            span[pos++] = 0xFF;
            n -= 255;
        }

        span[pos++] = (byte)n;
        opusPacket.CopyTo(span[pos..]);
        output.Advance(total);
        return total;
    }

    /// <summary>Enumerates the Opus packets of a PES payload; malformed framing throws <see cref="MediaFormatException"/>.</summary>
    public static OpusPacketEnumerator EnumeratePackets(ReadOnlySpan<byte> pesPayload) => new(pesPayload);
}

/// <summary>Enumerates Opus packets framed by control headers; use with <c>foreach</c>.</summary>
public ref struct OpusPacketEnumerator
{
    private ReadOnlySpan<byte> _rest;
    private ReadOnlySpan<byte> _current;

    internal OpusPacketEnumerator(ReadOnlySpan<byte> data)
    {
        _rest = data;
        _current = default;
    }

    /// <summary>The current Opus packet.</summary>
    public readonly ReadOnlySpan<byte> Current => _current;

    /// <summary>Returns this enumerator (for <c>foreach</c>).</summary>
    public readonly OpusPacketEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next packet.</summary>
    public bool MoveNext()
    {
        if (_rest.IsEmpty)
        {
            return false;
        }

        if (_rest.Length < 3 || _rest[0] != 0x7F || (_rest[1] & 0xE0) != 0xE0)
        {
            throw new MediaFormatException("Opus control header prefix missing");
        }

        var flags = _rest[1];
        var pos = 2;
        var size = 0;
        while (true)
        {
            if (pos >= _rest.Length)
            {
                throw new MediaFormatException("Opus control header truncated");
            }

            var b = _rest[pos++];
            size += b;
            if (b != 0xFF)
            {
                break;
            }
        }

        pos += ((flags & 0x10) != 0 ? 2 : 0) + ((flags & 0x08) != 0 ? 2 : 0);
        if ((flags & 0x04) != 0)
        {
            if (pos >= _rest.Length)
            {
                throw new MediaFormatException("Opus control extension truncated");
            }

            pos += 1 + _rest[pos];
        }

        if (pos > _rest.Length || size > _rest.Length - pos)
        {
            throw new MediaFormatException("Opus packet runs past the PES end");
        }

        _current = _rest.Slice(pos, size);
        _rest = _rest[(pos + size)..];
        return true;
    }
}
