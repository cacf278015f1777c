using Livepeer.Media.Bits;

namespace Livepeer.Media.Aac;

/// <summary>
/// AudioSpecificConfig (ISO/IEC 14496-3 §1.6.2.1): the AAC "sequence header" of FLV/RTMP and the esds payload of MP4.
/// Only the fields needed to frame AAC are kept; GASpecificConfig's frameLengthFlag selects 960-sample frames.
/// </summary>
/// <param name="ObjectType">audioObjectType (2 = AAC LC).</param>
/// <param name="SampleRateIndex">samplingFrequencyIndex (0–12), or 15 with an explicit rate.</param>
/// <param name="SampleRate">Sampling rate in Hz.</param>
/// <param name="ChannelConfiguration">channelConfiguration (1 mono, 2 stereo, … 7 = 7.1).</param>
public sealed record AudioSpecificConfig(int ObjectType, int SampleRateIndex, int SampleRate, int ChannelConfiguration)
{
    private static readonly int[] Rates = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

    /// <summary>Samples per channel per frame: 1024, or 960 when frameLengthFlag is set.</summary>
    public int FrameLength { get; init; } = 1024;

    /// <summary>Channel count for configurations 1–7 (7 → 8 channels), 0 when defined in-band.</summary>
    public int Channels => ChannelConfiguration switch
    {
        7 => 8,
        >= 0 and <= 6 => ChannelConfiguration,
        _ => 0,
    };

    /// <summary>The RFC 6381 codecs string, e.g. <c>mp4a.40.2</c>.</summary>
    public string CodecString => $"mp4a.40.{ObjectType}";

    /// <summary>Creates a configuration for a rate in the sampling frequency table (ISO/IEC 14496-3 Table 1.18).</summary>
    public static AudioSpecificConfig Create(int objectType, int sampleRate, int channelConfiguration)
    {
        var index = Array.IndexOf(Rates, sampleRate);
        return new AudioSpecificConfig(objectType, index < 0 ? 15 : index, sampleRate, channelConfiguration);
    }

    /// <summary>The sampling rate of a samplingFrequencyIndex, or 0 for reserved/escape values.</summary>
    public static int RateOfIndex(int index) => index is >= 0 and < 13 ? Rates[index] : 0;

    /// <summary>The samplingFrequencyIndex of a rate, or -1 when it is not in the table.</summary>
    public static int IndexOfRate(int sampleRate) => Array.IndexOf(Rates, sampleRate);

    /// <summary>Parses an AudioSpecificConfig; malformed input throws <see cref="MediaFormatException"/>.</summary>
    public static AudioSpecificConfig Parse(ReadOnlySpan<byte> data)
    {
        var r = new BitReader(data);
        var objectType = (int)r.ReadBits(5);
        if (objectType == 31)
        {
            objectType = 32 + (int)r.ReadBits(6);
        }

        if (objectType == 0)
        {
            throw new MediaFormatException("audioObjectType 0 is not valid");
        }

        var index = (int)r.ReadBits(4);
        var rate = index == 15 ? (int)r.ReadBits(24) : RateOfIndex(index);
        if (rate == 0)
        {
            throw new MediaFormatException($"samplingFrequencyIndex {index} is reserved");
        }

        var channels = (int)r.ReadBits(4);
        var frameLength = 1024;
        if (objectType is 1 or 2 or 3 or 4 or 6 or 7 && r.Remaining >= 1)
        {
            frameLength = r.ReadBit() ? 960 : 1024;
        }

        return new AudioSpecificConfig(objectType, index, rate, channels) { FrameLength = frameLength };
    }

    /// <summary>Serializes the configuration (2 bytes for table rates, 5 with an explicit rate).</summary>
    public byte[] ToArray()
    {
        if (ObjectType is < 1 or > 95 || ChannelConfiguration is < 0 or > 15 || SampleRateIndex is < 0 or > 15)
        {
            throw new MediaFormatException("AudioSpecificConfig field out of range");
        }

        Span<byte> buffer = stackalloc byte[8];
        var w = new BitWriter(buffer);
        if (ObjectType >= 31)
        {
            w.WriteBits(31, 5);
            w.WriteBits((uint)(ObjectType - 32), 6);
        }
        else
        {
            w.WriteBits((uint)ObjectType, 5);
        }

        w.WriteBits((uint)SampleRateIndex, 4);
        if (SampleRateIndex == 15)
        {
            w.WriteBits((uint)SampleRate, 24);
        }

        w.WriteBits((uint)ChannelConfiguration, 4);
        w.WriteBit(FrameLength == 960); // GASpecificConfig: frameLengthFlag, dependsOnCoreCoder = 0, extensionFlag = 0
        w.WriteBits(0, 2);
        return buffer[..w.BytesWritten].ToArray();
    }

    /// <summary>The ADTS header for a raw AAC frame of <paramref name="payloadLength"/> bytes with this configuration.</summary>
    public AdtsHeader ToAdtsHeader(int payloadLength) => AdtsHeader.FromConfig(this, payloadLength);
}
