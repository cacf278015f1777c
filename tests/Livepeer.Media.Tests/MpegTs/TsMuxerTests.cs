using System.Buffers;
using Livepeer.Media.MpegTs;

namespace Livepeer.Media.Tests.MpegTs;

public sealed class TsMuxerTests
{
    [Theory]
    [InlineData("h264-aac.ts")]
    [InlineData("h264-bframes.ts")]
    [InlineData("opus.ts")]
    public void Demux_mux_demux_keeps_frames_and_timestamps(string vector)
    {
        var (tracks, frames, _) = MediaVectors.Demux(MediaVectors.Load(vector));
        var output = new ArrayBufferWriter<byte>();
        var muxer = new TsMuxer(output);
        var map = tracks.ToDictionary(t => t.Pid, t => muxer.AddTrack(t.Codec, t.OpusChannels));
        foreach (var frame in frames)
        {
            muxer.WriteFrame(map[frame.Track.Pid], frame.Pts, frame.Dts, frame.Data, frame.IsKeyframe);
        }

        Assert.Equal(0, output.WrittenCount % TsPacket.Size);
        var (tracks2, frames2, demuxer2) = MediaVectors.Demux(output.WrittenSpan);
        Assert.Equal(tracks.Select(t => (t.Codec, t.OpusChannels)), tracks2.Select(t => (t.Codec, t.OpusChannels)));
        Assert.Equal(0, demuxer2.ContinuityErrors);
        Assert.Equal(0, demuxer2.MalformedPackets);
        Assert.Equal(frames.Count, frames2.Count);

        // Per track the order is kept; across tracks a length-delimited audio PES may now complete before a video PES.
        for (var t = 0; t < tracks.Count; t++)
        {
            var before = frames.Where(f => f.Track.Pid == tracks[t].Pid).ToList();
            var after = frames2.Where(f => f.Track.Pid == tracks2[t].Pid).ToList();
            Assert.Equal(before.Count, after.Count);
            for (var i = 0; i < before.Count; i++)
            {
                Assert.Equal((before[i].Pts, before[i].Dts, before[i].IsKeyframe), (after[i].Pts, after[i].Dts, after[i].IsKeyframe));
                Assert.Equal(before[i].Data, after[i].Data);
            }
        }
    }

    [Fact]
    public void Tables_have_valid_crc_and_pcr_is_on_the_video_pid()
    {
        var output = new ArrayBufferWriter<byte>();
        var muxer = new TsMuxer(output);
        var audio = muxer.AddTrack(TsCodec.Aac);
        var video = muxer.AddTrack(TsCodec.H264);
        muxer.WriteFrame(video, 90_000, 90_000, [0, 0, 0, 1, 0x65, 0x88], isKeyframe: true);
        muxer.WriteFrame(audio, 90_000, 90_000, [0xFF, 0xF1, 0x50, 0x80, 0x01, 0x7F, 0xFC, 1], isKeyframe: true);

        var packets = output.WrittenSpan.ToArray();
        Assert.Equal(4 * TsPacket.Size, packets.Length);
        var pat = packets.AsSpan(5, 3 + (((packets[6] & 0x0F) << 8) | packets[7]));
        Assert.Equal(0u, Crc32Mpeg2.Compute(pat));
        Assert.Equal(257, muxer.PcrPid);

        var demuxer = new TsDemuxer();
        demuxer.Push(packets);
        Assert.Equal(257, demuxer.PcrPid);
        Assert.Equal((90_000 - 9000) * 300L, demuxer.LastPcr);

        // The keyframe's first packet carries the random_access_indicator in its adaptation field.
        var videoPacket = packets.AsSpan(2 * TsPacket.Size, TsPacket.Size);
        Assert.Equal(0x30, videoPacket[3] & 0x30);
        Assert.Equal(0x50, videoPacket[5] & 0x50);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(169)]
    [InlineData(170)]
    [InlineData(183)]
    [InlineData(184)]
    [InlineData(185)]
    [InlineData(5000)]
    [InlineData(70_000)]
    public void Every_payload_size_packetises_and_reassembles(int size)
    {
        var payload = Enumerable.Range(0, size).Select(i => (byte)(i * 7)).ToArray();
        foreach (var codec in new[] { TsCodec.H264, TsCodec.Aac })
        {
            foreach (var keyframe in new[] { true, false })
            {
                var output = new ArrayBufferWriter<byte>();
                var muxer = new TsMuxer(output);
                var track = muxer.AddTrack(codec);
                muxer.WriteFrame(track, 1000, 1000, payload, keyframe);
                muxer.WriteFrame(track, 4000, 1000, payload, keyframe);
                var (_, frames, demuxer) = MediaVectors.Demux(output.WrittenSpan);
                Assert.Equal(0, demuxer.MalformedPackets);
                Assert.Equal(2, frames.Count);
                Assert.All(frames, f => Assert.Equal(payload, f.Data));
                Assert.Equal((4000L, 1000L), (frames[1].Pts, frames[1].Dts));
            }
        }
    }

    [Fact]
    public void Timestamps_unwrap_past_33_bits()
    {
        var output = new ArrayBufferWriter<byte>();
        var muxer = new TsMuxer(output);
        var track = muxer.AddTrack(TsCodec.Aac);
        var start = TsPacket.TimestampModulus - (5 * 1920);
        for (var i = 0; i < 10; i++)
        {
            muxer.WriteFrame(track, start + (i * 1920), start + (i * 1920), [1, 2, 3], true);
        }

        var (_, frames, _) = MediaVectors.Demux(output.WrittenSpan);
        Assert.Equal(Enumerable.Range(0, 10).Select(i => start + (i * 1920)), frames.Select(f => f.Pts));
    }

    [Fact]
    public void Stream_output_is_identical_to_buffer_writer_output()
    {
        var buffer = new ArrayBufferWriter<byte>();
        using var stream = new MemoryStream();
        foreach (var muxer in new[] { new TsMuxer(buffer), new TsMuxer(stream) })
        {
            var track = muxer.AddTrack(TsCodec.H264);
            for (var i = 0; i < 100; i++)
            {
                muxer.WriteFrame(track, i * 3000, i * 3000, new byte[1000 + i], i % 30 == 0);
            }

            muxer.Flush();
        }

        Assert.Equal(buffer.WrittenSpan.ToArray(), stream.ToArray());
    }

    [Fact]
    public void Tracks_cannot_be_added_after_the_tables()
    {
        var muxer = new TsMuxer(new ArrayBufferWriter<byte>());
        muxer.AddTrack(TsCodec.H264);
        muxer.WriteTables();
        Assert.Throws<InvalidOperationException>(() => muxer.AddTrack(TsCodec.Aac));
    }
}
