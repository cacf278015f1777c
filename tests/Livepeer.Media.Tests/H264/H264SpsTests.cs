using Livepeer.Media.H264;

namespace Livepeer.Media.Tests.H264;

public sealed class H264SpsTests
{
    public static TheoryData<int> Indexes() => [.. Enumerable.Range(0, H264Vectors.Sps.Length)];

    [Theory]
    [MemberData(nameof(Indexes))]
    public void Parses_profile_level_size_and_frame_rate(int index)
    {
        var v = H264Vectors.Sps[index];
        var sps = H264Sps.Parse(Convert.FromHexString(v.Sps));
        Assert.Equal((v.Profile, v.Level, v.Width, v.Height), (sps.ProfileIdc, sps.LevelIdc, sps.Width, sps.Height));
        Assert.Equal(v.Codec, sps.CodecString);
        Assert.NotNull(sps.FrameRate);
        Assert.Equal(v.Fps!.Value, sps.FrameRate!.Value, 3);
    }

    [Fact]
    public void Not_an_sps_is_rejected()
    {
        Assert.Throws<MediaFormatException>(() => H264Sps.Parse(H264Vectors.Pps));
        Assert.Throws<MediaFormatException>(() => H264Sps.Parse([0x67, 0x42]));
    }

    [Fact]
    public void Truncated_sps_is_a_media_format_error()
    {
        var sps = Convert.FromHexString(H264Vectors.Sps[0].Sps);
        for (var n = 1; n < 8; n++)
        {
            Assert.Throws<MediaFormatException>(() => H264Sps.Parse(sps.AsSpan(0, n)));
        }
    }

    [Fact]
    public void Fuzz_sps() => Fuzz.Run([.. H264Vectors.Seeds()], input => H264Sps.Parse(input), iterations: 5000);
}
