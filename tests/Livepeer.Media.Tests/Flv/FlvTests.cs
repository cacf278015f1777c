using System.Buffers;
using Livepeer.Media.Amf;
using Livepeer.Media.Flv;

namespace Livepeer.Media.Tests.Flv;

public sealed class FlvTests
{
    public static TheoryData<string> VideoNames() => [.. FlvVectors.Video.Select(v => v.Name)];

    public static TheoryData<string> AudioNames() => [.. FlvVectors.Audio.Select(v => v.Name)];

    public static TheoryData<string> InvalidNames() => [.. FlvVectors.Invalid.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(VideoNames))]
    public void VideoVectorRoundTrips(string name)
    {
        var (_, hex, expected) = FlvVectors.Video.Single(v => v.Name == name);
        var parsed = FlvVideoData.Parse(Convert.FromHexString(hex));
        Assert.Equal(expected.FrameType, parsed.FrameType);
        Assert.Equal(expected.Codec, parsed.Codec);
        Assert.Equal(expected.PacketType, parsed.PacketType);
        Assert.Equal(expected.CompositionTime, parsed.CompositionTime);
        Assert.Equal(expected.Payload.ToArray(), parsed.Payload.ToArray());
        Assert.Equal(hex, Convert.ToHexString(expected.ToArray()));
    }

    [Theory]
    [MemberData(nameof(AudioNames))]
    public void AudioVectorRoundTrips(string name)
    {
        var (_, hex, expected) = FlvVectors.Audio.Single(v => v.Name == name);
        var parsed = FlvAudioData.Parse(Convert.FromHexString(hex));
        Assert.Equal(expected.Format, parsed.Format);
        Assert.Equal(expected.PacketType, parsed.PacketType);
        Assert.Equal(expected.SoundRate, parsed.SoundRate);
        Assert.Equal(expected.Is16Bit, parsed.Is16Bit);
        Assert.Equal(expected.IsStereo, parsed.IsStereo);
        Assert.Equal(expected.Payload.ToArray(), parsed.Payload.ToArray());
        Assert.Equal(hex, Convert.ToHexString(expected.ToArray()));
    }

    [Theory]
    [MemberData(nameof(InvalidNames))]
    public void InvalidBodyIsRefused(string name)
    {
        var (_, type, hex) = FlvVectors.Invalid.Single(v => v.Name == name);
        Assert.Throws<MediaFormatException>(() => FlvTagBodies.Parse(type, Convert.FromHexString(hex)));
    }

    [Fact]
    public void CompositionTimeOutOfRangeIsRefusedOnWrite()
    {
        var data = new FlvVideoData(FlvVideoFrameType.InterFrame, FlvVideoCodec.Avc, Array.Empty<byte>()) { CompositionTime = 0x800000 };
        Assert.Throws<ArgumentOutOfRangeException>(() => data.ToArray());
    }

    [Fact]
    public void ScriptDataRoundTrips()
    {
        var metadata = new AmfObject(isEcmaArray: true).Add("width", 1280.0).Add("height", 720.0).Add("encoder", "x");
        var script = new FlvScriptData("onMetaData", [metadata]);
        var parsed = FlvScriptData.Parse(script.ToArray());
        Assert.Equal("onMetaData", parsed.Name);
        var value = Assert.IsType<AmfObject>(Assert.Single(parsed.Values));
        Assert.True(value.IsEcmaArray);
        Assert.Equal(720.0, value.GetNumber("height"));
    }

    [Fact]
    public void FileVectorReadsAndWritesBack()
    {
        var bytes = Convert.FromHexString(FlvVectors.File);
        var (hasAudio, hasVideo, tags) = FlvFile.Read(bytes);
        Assert.True(hasAudio);
        Assert.True(hasVideo);
        Assert.Equal([FlvTagType.ScriptData, FlvTagType.Video, FlvTagType.Audio], tags.Select(t => t.Type));
        Assert.Equal(0x01123456u, tags[2].Timestamp);
        Assert.Equal("onMetaData", FlvScriptData.Parse(tags[0].Data.Span).Name);
        Assert.True(FlvVideoData.Parse(tags[1].Data).IsKeyframe);

        var output = new ArrayBufferWriter<byte>();
        FlvFile.WriteHeader(output, hasAudio, hasVideo);
        foreach (var tag in tags)
        {
            FlvFile.WriteTag(output, tag);
        }

        Assert.Equal(FlvVectors.File, Convert.ToHexString(output.WrittenSpan));
    }

    [Theory]
    [InlineData("")]
    [InlineData("464C56")]
    [InlineData("414243010500000009")]
    [InlineData("464C560105000000FF00000000")]
    [InlineData("464C560105000000090000000009000010000000000000001700")]
    [InlineData("464C5601050000000900000000070000000000000000000000")]
    public void MalformedFileIsRefused(string hex) =>
        Assert.Throws<MediaFormatException>(() => FlvFile.Read(Convert.FromHexString(hex)));
}

/// <summary>Parses a body by tag type, as a demuxer would.</summary>
internal static class FlvTagBodies
{
    public static object Parse(FlvTagType type, byte[] body) => type switch
    {
        FlvTagType.Video => FlvVideoData.Parse(body),
        FlvTagType.Audio => FlvAudioData.Parse(body),
        _ => FlvScriptData.Parse(body),
    };
}
