using System.Buffers;

namespace Livepeer.Media.Flv;

/// <summary>
/// The body of an FLV video tag, which is also the body of an RTMP video message (FLV spec v10, E.4.3.1
/// VIDEODATA and AVCVIDEOPACKET). For AVC the packet type and composition time are parsed; for other
/// codecs <see cref="Payload"/> is everything after the first byte.
/// </summary>
/// <param name="FrameType">The frame type.</param>
/// <param name="Codec">The codec.</param>
/// <param name="Payload">For AVC: the decoder configuration record or the length-prefixed NAL units.</param>
public sealed record FlvVideoData(FlvVideoFrameType FrameType, FlvVideoCodec Codec, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The AVC packet type; meaningful only when <see cref="Codec"/> is <see cref="FlvVideoCodec.Avc"/>.</summary>
    public AvcPacketType PacketType { get; init; } = AvcPacketType.Nalu;

    /// <summary>AVC composition time offset in milliseconds (PTS − DTS), a signed 24-bit value.</summary>
    public int CompositionTime { get; init; }

    /// <summary>True for a keyframe.</summary>
    public bool IsKeyframe => FrameType == FlvVideoFrameType.Keyframe;

    /// <summary>Parses a video tag body; the payload aliases <paramref name="data"/>.</summary>
    /// <exception cref="MediaFormatException">The body is empty or truncated.</exception>
    public static FlvVideoData Parse(ReadOnlyMemory<byte> data)
    {
        var span = data.Span;
        if (span.IsEmpty)
        {
            throw new MediaFormatException("FLV video tag: empty body.");
        }

        var frameType = (FlvVideoFrameType)(span[0] >> 4);
        var codec = (FlvVideoCodec)(span[0] & 0x0F);
        if (codec != FlvVideoCodec.Avc)
        {
            return new FlvVideoData(frameType, codec, data[1..]);
        }

        if (span.Length < 5)
        {
            throw new MediaFormatException($"FLV AVC video tag: {span.Length} bytes, at least 5 needed.");
        }

        var packetType = (AvcPacketType)span[1];
        if (packetType > AvcPacketType.EndOfSequence)
        {
            throw new MediaFormatException($"FLV AVC video tag: unknown packet type {span[1]}.");
        }

        // SI24, big endian, sign-extended
        var composition = (span[2] << 16) | (span[3] << 8) | span[4];
        if ((composition & 0x800000) != 0)
        {
            composition |= unchecked((int)0xFF000000);
        }

        return new FlvVideoData(frameType, codec, data[5..]) { PacketType = packetType, CompositionTime = composition };
    }

    /// <summary>The encoded body's length.</summary>
    public int EncodedLength => (Codec == FlvVideoCodec.Avc ? 5 : 1) + Payload.Length;

    /// <summary>Writes the body to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The composition time does not fit 24 signed bits.</exception>
    public void WriteTo(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var span = output.GetSpan(EncodedLength);
        span[0] = (byte)(((byte)FrameType << 4) | ((byte)Codec & 0x0F));
        var offset = 1;
        if (Codec == FlvVideoCodec.Avc)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(CompositionTime, -0x800000);
            ArgumentOutOfRangeException.ThrowIfGreaterThan(CompositionTime, 0x7FFFFF);
            span[1] = (byte)PacketType;
            span[2] = (byte)(CompositionTime >> 16);
            span[3] = (byte)(CompositionTime >> 8);
            span[4] = (byte)CompositionTime;
            offset = 5;
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
