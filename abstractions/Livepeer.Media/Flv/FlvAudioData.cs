using System.Buffers;

namespace Livepeer.Media.Flv;

/// <summary>
/// The body of an FLV audio tag, which is also the body of an RTMP audio message (FLV spec v10, E.4.2.1
/// AUDIODATA and AACAUDIODATA). For AAC the packet type is parsed; the rate/size/type bits are kept as sent
/// (for AAC they are always 3/1/1 and the real values are in the AudioSpecificConfig).
/// </summary>
/// <param name="Format">The sound format.</param>
/// <param name="Payload">For AAC: the AudioSpecificConfig or one raw frame.</param>
public sealed record FlvAudioData(FlvSoundFormat Format, ReadOnlyMemory<byte> Payload)
{
    /// <summary>SoundRate bits: 0 = 5.5 kHz, 1 = 11 kHz, 2 = 22 kHz, 3 = 44 kHz.</summary>
    public byte SoundRate { get; init; } = 3;

    /// <summary>SoundSize bit: true for 16-bit samples.</summary>
    public bool Is16Bit { get; init; } = true;

    /// <summary>SoundType bit: true for stereo.</summary>
    public bool IsStereo { get; init; } = true;

    /// <summary>The AAC packet type; meaningful only when <see cref="Format"/> is <see cref="FlvSoundFormat.Aac"/>.</summary>
    public AacPacketType PacketType { get; init; } = AacPacketType.Raw;

    /// <summary>Parses an audio tag body; the payload aliases <paramref name="data"/>.</summary>
    /// <exception cref="MediaFormatException">The body is empty or truncated.</exception>
    public static FlvAudioData Parse(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.IsEmpty)
        {
            throw new MediaFormatException("FLV audio tag: empty body.");
        }

        var format = (FlvSoundFormat)(span[0] >> 4);
        var result = new FlvAudioData(format, data[1..])
        {
            SoundRate = (byte)((span[0] >> 2) & 0x03),
            Is16Bit = (span[0] & 0x02) != 0,
            IsStereo = (span[0] & 0x01) != 0,
        };
        if (format != FlvSoundFormat.Aac)
        {
            return result;
        }

        if (span.Length < 2)
        {
            throw new MediaFormatException("FLV AAC audio tag: no packet type.");
        }

        if (span[1] > (byte)AacPacketType.Raw)
        {
            throw new MediaFormatException($"FLV AAC audio tag: unknown packet type {span[1]}.");
        }

        return result with { PacketType = (AacPacketType)span[1], Payload = data[2..] };
    }

    /// <summary>The encoded body's length.</summary>
    public int EncodedLength => (Format == FlvSoundFormat.Aac ? 2 : 1) + Payload.Length;

    /// <summary>Writes the body to <paramref name="output"/>.</summary>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(EncodedLength);
        span[0] = (byte)(((byte)Format << 4) | ((SoundRate & 0x03) << 2) | (Is16Bit ? 0x02 : 0) | (IsStereo ? 0x01 : 0));
        var offset = 1;
        if (Format == FlvSoundFormat.Aac)
        {
            span[1] = (byte)PacketType;
            offset = 2;
        }

        Payload.Span.CopyTo(span[offset..]);
        output.Advance(EncodedLength);
    }

    /// <summary>The encoded body.</summary>
    public byte[] ToArray()
    {
        var buffer = new ArrayBufferWriter<byte>(EncodedLength);
        WriteTo(buffer);
        return buffer.WrittenSpan.ToArray();
    }
}
