using Livepeer.Media.MpegTs;
using Xunit;

namespace Livepeer.Media.Tests.MpegTs;

public sealed class TsTimingTests
{
    [Fact]
    public void A_video_segment_lasts_from_its_first_to_its_last_frame_plus_one_frame()
    {
        var ts = MediaVectors.Load("h264-aac.ts");
        var (_, frames, _) = MediaVectors.Demux(ts);
        var firstDts = frames.Where(f => f.Track.IsVideo).Min(f => f.Dts);

        var timing = TsTiming.Measure(ts);

        Assert.NotNull(timing);
        Assert.True(timing.HasVideo);
        Assert.True(timing.StartsWithKeyframe);
        Assert.Equal(firstDts, timing.StartPts);
        Assert.Equal(TimeSpan.FromSeconds(2), timing.Duration); // 60 frames, 3000 ticks apart
    }

    [Fact]
    public void An_audio_only_segment_is_timed_by_its_audio()
    {
        var timing = TsTiming.Measure(MediaVectors.Load("opus.ts"));
        Assert.NotNull(timing);
        Assert.False(timing.HasVideo);
        Assert.True(timing.Duration > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(188 * 3)]
    public void Something_that_is_not_a_transport_stream_has_no_timing(int length)
    {
        Assert.Null(TsTiming.Measure(new byte[length]));
    }

    [Fact]
    public void Mutated_segments_never_throw()
    {
        var ts = MediaVectors.Load("h264-aac.ts");
        var random = new Random(11);
        for (var i = 0; i < 200; i++)
        {
            var input = (byte[])ts.Clone();
            for (var flips = 0; flips < 50; flips++)
            {
                input[random.Next(input.Length)] = (byte)random.Next(256);
            }

            var timing = TsTiming.Measure(input);
            Assert.True(timing is null || timing.Duration >= TimeSpan.Zero);
        }
    }
}
