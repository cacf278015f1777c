using System.Buffers;

namespace Livepeer.Media.Aac;

/// <summary>
/// The ADTS frame header (ISO/IEC 14496-3 §1.A.2.2 adts_fixed_header + adts_variable_header), as carried in MPEG-TS
/// (stream_type 0x0F) and HLS.
/// </summary>
/// <param name="ObjectType">MPEG-4 audioObjectType (the ADTS profile field + 1).</param>
/// <param name="SampleRateIndex">sampling_frequency_index.</param>
/// <param name="ChannelConfiguration">channel_configuration.</param>
/// <param name="FrameLength">aac_frame_length: header plus payload, in bytes.</param>
/// <param name="HasCrc">Whether a 16-bit CRC follows the 7-byte header (protection_absent = 0).</param>
/// <param name="RawDataBlocks">number_of_raw_data_blocks_in_frame + 1.</param>
public readonly record struct AdtsHeader(int ObjectType, int SampleRateIndex, int ChannelConfiguration, int FrameLength, bool HasCrc = false, int RawDataBlocks = 1)
{
    /// <summary>Length of a header without CRC.</summary>
    public const int Size = 7;

    /// <summary>Header length: 7, or 9 with CRC.</summary>
    public int HeaderLength => HasCrc ? 9 : 7;

    /// <summary>Payload length (frame length minus header).</summary>
    public int PayloadLength => FrameLength - HeaderLength;

    /// <summary>Sampling rate in Hz.</summary>
    public int SampleRate => AudioSpecificConfig.RateOfIndex(SampleRateIndex);

    /// <summary>The header for a payload of <paramref name="payloadLength"/> bytes with the given configuration.</summary>
    public static AdtsHeader FromConfig(AudioSpecificConfig config, int payloadLength)
    {
        ArgumentNullException.ThrowIfNull(config);
        if (config.ObjectType is < 1 or > 4 || config.SampleRateIndex > 12 || config.ChannelConfiguration > 7)
        {
            throw new MediaFormatException("AAC configuration cannot be expressed in an ADTS header");
        }

        if (payloadLength < 0 || payloadLength + Size > 0x1FFF)
        {
            throw new MediaFormatException($"AAC frame of {payloadLength} bytes does not fit ADTS");
        }

        return new AdtsHeader(config.ObjectType, config.SampleRateIndex, config.ChannelConfiguration, payloadLength + Size);
    }

    /// <summary>Parses a header at the start of <paramref name="data"/>; malformed input throws <see cref="MediaFormatException"/>.</summary>
    public static AdtsHeader Parse(ReadOnlySpan<byte> data)
    {
        if (!TryParse(data, out var header, out var error))
        {
            throw new MediaFormatException(error);
        }

        return header;
    }

    /// <summary>Tries to parse a header at the start of <paramref name="data"/>.</summary>
    public static bool TryParse(ReadOnlySpan<byte> data, out AdtsHeader header) => TryParse(data, out header, out _);

    /// <summary>The AudioSpecificConfig equivalent to this header.</summary>
    public AudioSpecificConfig ToAudioSpecificConfig() =>
        new(ObjectType, SampleRateIndex, SampleRate, ChannelConfiguration);

    /// <summary>Writes the 7-byte header (CRC is never written; protection_absent = 1).</summary>
    public void Write(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            throw new ArgumentException("destination shorter than 7 bytes", nameof(destination));
        }

        var length = HasCrc ? FrameLength - 2 : FrameLength;
        destination[0] = 0xFF;
        destination[1] = 0xF1; // syncword low bits, MPEG-4, layer 0, protection_absent = 1
        destination[2] = (byte)(((ObjectType - 1) << 6) | (SampleRateIndex << 2) | (ChannelConfiguration >> 2));
        destination[3] = (byte)(((ChannelConfiguration & 3) << 6) | (length >> 11));
        destination[4] = (byte)(length >> 3);
        destination[5] = (byte)(((length & 7) << 5) | 0x1F); // buffer fullness 0x7FF (VBR)
        destination[6] = (byte)(0xFC | (RawDataBlocks - 1));
    }

    /// <summary>Writes this header followed by <paramref name="payload"/> to <paramref name="output"/>.</summary>
    public static void WriteFrame(IBufferWriter<byte> output, AudioSpecificConfig config, ReadOnlySpan<byte> payload)
    {
        ArgumentNullException.ThrowIfNull(output);
        var header = FromConfig(config, payload.Length);
        var span = output.GetSpan(header.FrameLength);
        header.Write(span);
        payload.CopyTo(span[Size..]);
        output.Advance(header.FrameLength);
    }

    private static bool TryParse(ReadOnlySpan<byte> data, out AdtsHeader header, out string error)
    {
        header = default;
        if (data.Length < Size)
        {
            error = "ADTS header truncated";
            return false;
        }

        if (data[0] != 0xFF || (data[1] & 0xF6) != 0xF0)
        {
            error = "ADTS syncword missing";
            return false;
        }

        var hasCrc = (data[1] & 1) == 0;
        var profile = data[2] >> 6;
        var index = (data[2] >> 2) & 0xF;
        var channels = ((data[2] & 1) << 2) | (data[3] >> 6);
        var length = ((data[3] & 3) << 11) | (data[4] << 3) | (data[5] >> 5);
        var blocks = (data[6] & 3) + 1;
        if (index > 12)
        {
            error = $"ADTS sampling_frequency_index {index} is reserved";
            return false;
        }

        if (length < (hasCrc ? 9 : 7))
        {
            error = $"ADTS frame length {length} shorter than its header";
            return false;
        }

        header = new AdtsHeader(profile + 1, index, channels, length, hasCrc, blocks);
        error = string.Empty;
        return true;
    }
}
