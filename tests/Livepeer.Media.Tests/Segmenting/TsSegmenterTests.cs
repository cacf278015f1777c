using Livepeer.Media.Aac;
using Livepeer.Media.H264;
using Livepeer.Media.MpegTs;
using Livepeer.Media.Segmenting;

namespace Livepeer.Media.Tests.Segmenting;

public sealed class TsSegmenterTests
{
    [Fact]
    public void Cuts_keyframe_aligned_segments_with_tables_first_and_continuous_timestamps()
    {
        var (_, frames, _) = MediaVectors.Demux(MediaVectors.Load("h264-aac.ts"));
        var segments = Segment(frames, new TsSegmenterOptions { TargetDuration = TimeSpan.FromSeconds(1), AudioCodec = TsCodec.Aac });

        Assert.Equal(2, segments.Count); // 2 s with an IDR every second
        Assert.Equal([0L, 1L], segments.Select(s => s.Sequence));
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var data = segment.Data.Span;
            Assert.Equal(0, ((data[1] & 0x1F) << 8) | data[2]); // PAT first
            Assert.Equal(0x1000, ((data[189] & 0x1F) << 8) | data[190]); // then PMT
            var (tracks, demuxed, demuxer) = MediaVectors.Demux(data);
            Assert.Equal([TsCodec.H264, TsCodec.Aac], tracks.Select(t => t.Codec));
            Assert.Equal(0, demuxer.ContinuityErrors + demuxer.MalformedPackets);
            var firstVideo = demuxed.First(f => f.Track.IsVideo);
            Assert.True(firstVideo.IsKeyframe);
            Assert.Equal(segment.StartPts, firstVideo.Dts);
            Assert.True(AnnexB.Contains(firstVideo.Data, NalUnitType.AccessUnitDelimiter));
            Assert.True(segment.StartsWithKeyframe);
            Assert.Equal(1.0, segment.Duration.TotalSeconds, 2);
            if (i > 0)
            {
                Assert.Equal(segments[i - 1].StartPts + (segments[i - 1].Duration.Ticks * 90_000 / TimeSpan.TicksPerSecond), segment.StartPts);
            }
        }

        var videoIn = frames.Count(f => f.Track.IsVideo);
        var videoOut = segments.Sum(s => MediaVectors.Demux(s.Data.Span).Frames.Count(f => f.Track.IsVideo));
        Assert.Equal(videoIn, videoOut);
    }

    [Fact]
    public void Default_two_second_target_with_one_second_gops_makes_two_second_segments()
    {
        var (_, frames, _) = MediaVectors.Demux(MediaVectors.Load("h264-aac.ts"));
        var shifted = frames.Concat(frames.Select(f => f with { Pts = f.Pts + 180_000, Dts = f.Dts + 180_000 })).ToList();
        var segments = Segment(shifted.Where(f => f.Track.IsVideo).ToList(), new TsSegmenterOptions());
        Assert.Equal(2, segments.Count);
        Assert.All(segments, s => Assert.Equal(2.0, s.Duration.TotalSeconds, 2));
    }

    [Fact]
    public void Audio_and_non_idr_video_before_the_first_idr_are_dropped()
    {
        var segmenter = new TsSegmenter(new TsSegmenterOptions { AudioCodec = TsCodec.Aac });
        var segments = new List<TsSegment>();
        segmenter.SegmentCompleted += segments.Add;
        var config = AudioSpecificConfig.Create(2, 48000, 2);
        segmenter.SetAudioConfig(config);
        segmenter.WriteAudio([1, 2, 3], 0);
        segmenter.WriteVideo([0, 0, 0, 1, 0x41, 0x9A], 0, 0);
        segmenter.WriteVideo([0, 0, 0, 1, 0x65, 0x88], 3000, 3000);
        segmenter.WriteAudio([4, 5, 6], 3000);
        segmenter.Complete();

        var segment = Assert.Single(segments);
        var (_, frames, _) = MediaVectors.Demux(segment.Data.Span);
        Assert.Equal(2, frames.Count);
        var video = Assert.Single(frames, f => f.Track.IsVideo);
        var audio = Assert.Single(frames, f => f.Track.IsAudio);
        Assert.Equal((3000L, 3000L), (video.Pts, audio.Pts));
        Assert.Equal(config, AdtsHeader.Parse(audio.Data).ToAudioSpecificConfig());
        Assert.Equal([4, 5, 6], audio.Data[7..]);
    }

    [Fact]
    public void Parameter_sets_from_the_sequence_header_precede_idrs_that_lack_them()
    {
        var segmenter = new TsSegmenter();
        TsSegment? segment = null;
        segmenter.SegmentCompleted += s => segment = s;
        var sps = MediaVectors.Hex(Livepeer.Media.Tests.H264.H264Vectors.Sps[2].Sps);
        segmenter.SetVideoConfig(AvcDecoderConfigurationRecord.FromParameterSets(sps, Livepeer.Media.Tests.H264.H264Vectors.Pps));
        segmenter.WriteVideo(Avcc.ToAnnexB([0, 0, 0, 2, 0x65, 0x88]), 0, 0);
        segmenter.Complete();
        var frame = Assert.Single(MediaVectors.Demux(segment!.Data.Span).Frames);
        var types = new List<NalUnitType>();
        foreach (var nal in AnnexB.EnumerateNalUnits(frame.Data))
        {
            types.Add(NalUnit.GetType(nal));
        }

        Assert.Equal([NalUnitType.AccessUnitDelimiter, NalUnitType.Sps, NalUnitType.Pps, NalUnitType.IdrSlice], types);
    }

    [Fact]
    public void Opus_only_streams_cut_on_time()
    {
        var segmenter = new TsSegmenter(new TsSegmenterOptions { HasVideo = false, AudioCodec = TsCodec.Opus, TargetDuration = TimeSpan.FromSeconds(1) });
        var segments = new List<TsSegment>();
        segmenter.SegmentCompleted += segments.Add;
        for (var i = 0; i < 150; i++)
        {
            segmenter.WriteAudio([0xFC, (byte)i], i * 1800L);
        }

        segmenter.Complete();
        Assert.Equal(3, segments.Count);
        Assert.All(segments, s => Assert.Equal(1.0, s.Duration.TotalSeconds, 2));
        var (tracks, frames, _) = MediaVectors.Demux(segments[1].Data.Span);
        Assert.Equal(TsCodec.Opus, Assert.Single(tracks).Codec);
        foreach (var packet in OpusInTs.EnumeratePackets(frames[0].Data))
        {
            Assert.Equal([0xFC, 50], packet.ToArray());
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(0)]
    public void Targets_below_one_second_are_refused(double seconds) =>
        Assert.Throws<ArgumentException>(() => new TsSegmenter(new TsSegmenterOptions { TargetDuration = TimeSpan.FromSeconds(seconds) }));

    [Fact]
    public void Fuzz_segmenter_input()
    {
        var frames = MediaVectors.Demux(MediaVectors.Load("h264-aac.ts")).Frames.Where(f => f.Track.IsVideo).Take(5).Select(f => f.Data).ToList();
        Fuzz.Run(frames, input =>
        {
            var segmenter = new TsSegmenter();
            segmenter.WriteVideo(input, 0, 0);
            segmenter.WriteVideo(input, 3000, 3000, isKeyframe: true);
            segmenter.Complete();
        }, iterations: 1000);
    }

    private static List<TsSegment> Segment(List<DemuxedFrame> frames, TsSegmenterOptions options)
    {
        var segmenter = new TsSegmenter(options);
        var segments = new List<TsSegment>();
        segmenter.SegmentCompleted += segments.Add;
        foreach (var frame in frames)
        {
            if (frame.Track.IsVideo)
            {
                segmenter.WriteVideo(frame.Data, frame.Pts, frame.Dts, frame.IsKeyframe);
            }
            else
            {
                foreach (var adts in new AdtsFrameEnumerator(frame.Data))
                {
                    segmenter.WriteAudio(adts, frame.Pts);
                }
            }
        }

        segmenter.Complete();
        return segments;
    }
}
