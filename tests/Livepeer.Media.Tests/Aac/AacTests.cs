using System.Buffers;
using Livepeer.Media.Aac;

namespace Livepeer.Media.Tests.Aac;

public sealed class AacTests
{
    // AudioSpecificConfig vectors: bytes, object type, rate index, rate, channel configuration, frame length.
    public static readonly TheoryData<string, int, int, int, int, int> Configs = new()
    {
        { "1210", 2, 4, 44100, 2, 1024 },
        { "1190", 2, 3, 48000, 2, 1024 },
        { "1188", 2, 3, 48000, 1, 1024 },
        { "1408", 2, 8, 16000, 1, 1024 },
        { "0a10", 1, 4, 44100, 2, 1024 },
        { "1194", 2, 3, 48000, 2, 960 },
        { "17802ee010", 2, 15, 24000, 2, 1024 },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void Audio_specific_config_round_trips(string hex, int objectType, int index, int rate, int channels, int frameLength)
    {
        var bytes = MediaVectors.Hex(hex);
        var config = AudioSpecificConfig.Parse(bytes);
        Assert.Equal((objectType, index, rate, channels, frameLength), (config.ObjectType, config.SampleRateIndex, config.SampleRate, config.ChannelConfiguration, config.FrameLength));
        Assert.Equal(bytes, config.ToArray());
    }

    [Fact]
    public void Ffmpeg_adts_frames_parse_and_rebuild_byte_exact_headers()
    {
        var frames = 0;
        var data = MediaVectors.Load("aac.adts");
        foreach (var frame in new AdtsFrameEnumerator(data))
        {
            var header = AdtsHeader.Parse(frame);
            var config = header.ToAudioSpecificConfig();
            Assert.Equal((2, 48000, 2), (config.ObjectType, config.SampleRate, config.ChannelConfiguration));
            var rebuilt = new byte[7];
            config.ToAdtsHeader(header.PayloadLength).Write(rebuilt);
            Assert.Equal(frame[..7].ToArray(), rebuilt);
            frames++;
        }

        Assert.InRange(frames, 9, 12); // 0.2 s of 1024-sample frames at 48 kHz
    }

    [Fact]
    public void Raw_aac_gets_an_adts_header_that_parses_back()
    {
        var config = AudioSpecificConfig.Create(2, 44100, 2);
        var output = new ArrayBufferWriter<byte>();
        AdtsHeader.WriteFrame(output, config, [1, 2, 3, 4, 5]);
        var header = AdtsHeader.Parse(output.WrittenSpan);
        Assert.Equal(12, header.FrameLength);
        Assert.Equal(config, header.ToAudioSpecificConfig());
        Assert.Equal("mp4a.40.2", config.CodecString);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("0010")]
    [InlineData("16")]
    [InlineData("1690")]
    [InlineData("1780")]
    public void Malformed_configs_are_media_format_errors(string hex) =>
        Assert.Throws<MediaFormatException>(() => AudioSpecificConfig.Parse(MediaVectors.Hex(hex)));

    [Theory]
    [InlineData("fff1")]
    [InlineData("fff14c80117ffc")]
    [InlineData("fff14c8000001c")]
    [InlineData("fff17c80117ffc")]
    [InlineData("aaf14c80117ffc")]
    public void Malformed_adts_is_a_media_format_error(string hex) =>
        Assert.Throws<MediaFormatException>(() =>
        {
            foreach (var _ in new AdtsFrameEnumerator(MediaVectors.Hex(hex)))
            {
            }
        });

    [Fact]
    public void Fuzz_aac()
    {
        var seeds = Configs.Select(row => MediaVectors.Hex((string)row[0])).Append(MediaVectors.Load("aac.adts")).ToList();
        Fuzz.Run(seeds, input =>
        {
            try
            {
                AudioSpecificConfig.Parse(input).ToArray();
            }
            finally
            {
                foreach (var _ in new AdtsFrameEnumerator(input))
                {
                }
            }
        });
    }
}
