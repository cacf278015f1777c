using Livepeer.Media.Aac;
using Livepeer.Media.MpegTs;
using Xunit;

namespace Livepeer.Media.Tests.MpegTs;

public sealed class TsDemuxerTests
{
    [Fact]
    public void Demuxes_ffmpeg_h264_aac_with_tracks_known_before_the_first_frame()
    {
        var demuxer = new TsDemuxer();
        var events = new List<string>();
        demuxer.TracksChanged += t => events.Add($"tracks:{t.Count}");
        demuxer.FrameReceived += f => events.Add(f.Track.Codec.ToString());
        demuxer.Push(MediaVectors.Load("h264-aac.ts"));
        demuxer.Flush();

        Assert.Equal("tracks:2", events[0]);
        Assert.Equal([new TsTrack(256, TsStreamType.H264, TsCodec.H264), new TsTrack(257, TsStreamType.AacAdts, TsCodec.Aac)], demuxer.Tracks);
        Assert.Equal(256, demuxer.PcrPid);
        Assert.NotNull(demuxer.LastPcr);
        Assert.Equal(0, demuxer.ContinuityErrors);
        Assert.Equal(0, demuxer.MalformedPackets);
        Assert.Equal(60, events.Count(e => e == "H264"));
    }

    [Fact]
    public void Video_frames_have_keyframes_each_gop_and_monotonic_dts()
    {
        var (_, frames, _) = MediaVectors.Demux(MediaVectors.Load("h264-aac.ts"));
        var video = frames.Where(f => f.Track.Codec == TsCodec.H264).ToList();
        Assert.Equal([0, 30], video.Select((f, i) => (f, i)).Where(x => x.f.IsKeyframe).Select(x => x.i));
        Assert.All(video.Zip(video.Skip(1)), p => Assert.Equal(3000, p.Second.Dts - p.First.Dts));
        Assert.All(video, f => Assert.False(f.Discontinuity));
    }

    [Fact]
    public void Audio_frames_are_adts()
    {
        var (_, frames, _) = MediaVectors.Demux(MediaVectors.Load("h264-aac.ts"));
        var adts = 0;
        foreach (var frame in frames.Where(f => f.Track.Codec == TsCodec.Aac))
        {
            foreach (var _ in new AdtsFrameEnumerator(frame.Data))
            {
                adts++;
            }
        }

        Assert.InRange(adts, 85, 90); // 2 s at 44.1 kHz / 1024
    }

    [Fact]
    public void B_frames_keep_pts_and_dts_apart()
    {
        var (_, frames, _) = MediaVectors.Demux(MediaVectors.Load("h264-bframes.ts"));
        Assert.Equal(25, frames.Count);
        Assert.Contains(frames, f => f.Pts != f.Dts);
        Assert.All(frames, f => Assert.True(f.Pts >= f.Dts));
    }

    [Fact]
    public void Opus_track_is_recognised_from_the_registration_descriptor()
    {
        var (tracks, frames, _) = MediaVectors.Demux(MediaVectors.Load("opus.ts"));
        var track = Assert.Single(tracks);
        Assert.Equal(TsCodec.Opus, track.Codec);
        Assert.Equal(TsStreamType.PrivateData, track.StreamType);
        Assert.Equal(2, track.OpusChannels);
        var packets = 0;
        foreach (var frame in frames)
        {
            foreach (var packet in OpusInTs.EnumeratePackets(frame.Data))
            {
                Assert.False(packet.IsEmpty);
                packets++;
            }
        }

        Assert.InRange(packets, 49, 52); // 1 s of 20 ms packets
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(188)]
    [InlineData(1000)]
    public void Chunk_boundaries_do_not_matter(int chunk)
    {
        var ts = MediaVectors.Load("h264-aac.ts");
        var whole = MediaVectors.Demux(ts).Frames;
        var chunked = MediaVectors.Demux(ts, chunk).Frames;
        Assert.Equal(whole.Count, chunked.Count);
        for (var i = 0; i < whole.Count; i++)
        {
            Assert.Equal(whole[i].Pts, chunked[i].Pts);
            Assert.Equal(whole[i].Data, chunked[i].Data);
        }
    }

    [Fact]
    public void A_lost_packet_is_reported_as_a_continuity_error_on_that_frame()
    {
        var ts = MediaVectors.Load("h264-aac.ts");
        var packets = Enumerable.Range(0, ts.Length / 188).Select(i => ts.AsSpan(i * 188, 188).ToArray()).ToList();
        var victim = packets.FindIndex(20, p => ((p[1] & 0x1F) << 8 | p[2]) == 256 && (p[1] & 0x40) == 0);
        packets.RemoveAt(victim);
        var (_, frames, demuxer) = MediaVectors.Demux(packets.SelectMany(p => p).ToArray());
        Assert.Equal(1, demuxer.ContinuityErrors);
        Assert.Single(frames, f => f.Discontinuity);
    }

    [Fact]
    public void A_corrupt_pmt_crc_is_a_media_format_error_and_the_demuxer_recovers()
    {
        var ts = MediaVectors.Load("h264-aac.ts");
        var corrupt = (byte[])ts.Clone();
        corrupt[(2 * 188) + 20] ^= 0xFF; // ffmpeg writes SDT, PAT, PMT first; the tables repeat every ~100 ms
        var demuxer = new TsDemuxer();
        var frames = 0;
        demuxer.FrameReceived += _ => frames++;
        var error = Assert.Throws<MediaFormatException>(() => demuxer.Push(corrupt.AsSpan(0, 188 * 10)));
        Assert.Contains("CRC", error.Message, StringComparison.Ordinal);
        demuxer.Push(corrupt.AsSpan(188 * 10));
        demuxer.Flush();
        Assert.Equal(2, demuxer.Tracks.Count);
        Assert.InRange(frames, MediaVectors.Demux(ts).Frames.Count - 10, int.MaxValue);
    }

    [Fact]
    public void Garbage_between_packets_loses_sync_then_resynchronises()
    {
        var ts = MediaVectors.Load("h264-aac.ts");
        byte[] withGarbage = [.. ts.AsSpan(0, 188 * 50), 1, 2, 3, .. ts.AsSpan(188 * 50)];
        var demuxer = new TsDemuxer();
        Assert.Throws<MediaFormatException>(() => demuxer.Push(withGarbage));
        Assert.True(demuxer.MalformedPackets >= 1);
        Assert.Equal(ts.Length / 188, demuxer.Packets);
    }

    [Fact]
    public void Fuzz_demuxer()
    {
        var seeds = MediaVectors.TransportStreams.Select(n => MediaVectors.Load(n).AsSpan(0, 188 * 40).ToArray()).ToList();
        Fuzz.Run(seeds, input =>
        {
            var demuxer = new TsDemuxer();
            demuxer.FrameReceived += f => _ = f.Data.Span.Length;
            try
            {
                demuxer.Push(input);
            }
            finally
            {
                demuxer.Flush();
            }
        }, iterations: 2000);
    }
}
