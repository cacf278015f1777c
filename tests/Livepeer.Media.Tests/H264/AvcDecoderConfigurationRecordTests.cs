using Livepeer.Media.H264;

namespace Livepeer.Media.Tests.H264;

public sealed class AvcDecoderConfigurationRecordTests
{
    // avcC of ffmpeg's FLV muxer for the 'high 720p60' SPS: version, profile, compat, level, 0xFF, 0xE1, SPS, 1, PPS, High extension.
    private static readonly string Record =
        "01640020ffe10019" + H264Vectors.Sps[2].Sps + "01000568ce0f1920" + "fdf8f800";

    [Fact]
    public void Parse_and_build_round_trip_byte_exact()
    {
        var bytes = MediaVectors.Hex(Record);
        var record = AvcDecoderConfigurationRecord.Parse(bytes);
        Assert.Equal((100, 0, 32, 4), (record.ProfileIndication, record.ProfileCompatibility, record.LevelIndication, record.NalLengthSize));
        Assert.Single(record.SequenceParameterSets);
        Assert.Equal(H264Vectors.Pps, Assert.Single(record.PictureParameterSets).ToArray());
        Assert.Equal(4, record.Extension.Length);
        Assert.Equal(bytes, record.ToArray());
        Assert.Equal((1280, 720), (record.ParseSps()!.Width, record.ParseSps()!.Height));
    }

    [Fact]
    public void From_parameter_sets_takes_profile_and_level_from_the_sps()
    {
        var sps = MediaVectors.Hex(H264Vectors.Sps[0].Sps);
        var record = AvcDecoderConfigurationRecord.FromParameterSets(sps, H264Vectors.Pps);
        Assert.Equal((66, 0xC0, 40), (record.ProfileIndication, record.ProfileCompatibility, record.LevelIndication));
        var parsed = AvcDecoderConfigurationRecord.Parse(record.ToArray());
        Assert.Equal(sps, parsed.SequenceParameterSets[0].ToArray());
        Assert.Equal([.. AnnexB.StartCode, .. sps, .. AnnexB.StartCode, .. H264Vectors.Pps], record.ToAnnexB());
    }

    [Theory]
    [InlineData("")]
    [InlineData("0164002")]
    [InlineData("02640020ffe1")]
    [InlineData("01640020ffe10019")]
    [InlineData("01640020ffe1000067")]
    [InlineData("01640020ffe100026764")]
    [InlineData("01640020fee100026764010000")]
    public void Malformed_records_are_media_format_errors(string hex) =>
        Assert.Throws<MediaFormatException>(() => AvcDecoderConfigurationRecord.Parse(MediaVectors.Hex(hex.Length % 2 == 1 ? hex + "0" : hex)));

    [Fact]
    public void Fuzz_record() => Fuzz.Run([MediaVectors.Hex(Record)], input => AvcDecoderConfigurationRecord.Parse(input).ToArray(), iterations: 5000);
}
