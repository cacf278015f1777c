using Livepeer.Media.H264;
using Livepeer.Media.MpegTs;
using Livepeer.Plugins.WebRtc.Media;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Testing;

namespace Livepeer.Plugins.WebRtc.Tests.Media;

public sealed class TsToRtpPacketizerTests
{
    [Fact]
    public void WhepPacketsCarryThePesTimestampsAndDecodeBack()
    {
        var frames = X264Stream.Frames();
        var (packetizer, packets) = Create();
        IReadOnlyList<TsTrack>? tracks = null;
        packetizer.TracksChanged += t => tracks = t;

        // Join mid-stream and mid-packet, in odd-sized chunks: the demuxer resynchronises and video waits for an IDR.
        var bytes = X264Stream.Bytes;
        var join = (188 * 40) + 77;
        for (var at = join; at < bytes.Length; at += 1000)
        {
            packetizer.Push(bytes.AsSpan(at, Math.Min(1000, bytes.Length - at)));
        }

        packetizer.Flush();
        Assert.Equal([TsCodec.H264, TsCodec.Opus], tracks!.Select(t => t.Codec));
        var video = packets.Where(p => p.Kind == RtpTrackKind.Video).Select(p => p.Packet).ToList();
        var audio = packets.Where(p => p.Kind == RtpTrackKind.Audio).Select(p => p.Packet).ToList();

        // Video from the first IDR, stamped uint32(PTS), SPS/PPS (STAP-A) first.
        Assert.Equal(24, video[0].Payload.Span[0] & 0x1F);
        var sentFrames = frames.Where(f => f.Track.Codec == TsCodec.H264).SkipWhile(f => (uint)f.Pts != video[0].Timestamp).ToList();
        Assert.True(sentFrames[0].Keyframe);
        var depacketizer = new H264Depacketizer();
        var back = video.SelectMany(p => depacketizer.Push(RtpPacket.Parse(p.ToArray())).ToList()).ToList();
        Assert.Equal(sentFrames.Count, back.Count);
        Assert.Equal(sentFrames.Select(f => (uint)f.Pts), back.Select(b => (uint)b.Pts));
        Assert.True(back[0].IsKeyframe);
        Assert.All(video.Zip(video.Skip(1)), p => Assert.Equal((ushort)(p.First.SequenceNumber + 1), p.Second.SequenceNumber));
        Assert.All(video, p => Assert.Equal(0x1234u, p.Ssrc));

        // Opus: one RTP packet per Opus packet, 48 kHz timestamps from the PES PTS, 20 ms apart.
        var firstOpusPes = frames.First(f => f.Track.Codec == TsCodec.Opus && (uint)(f.Pts * 48000 / 90000) == audio[0].Timestamp);
        Assert.True(firstOpusPes.Pts > 0);
        Assert.All(audio.Zip(audio.Skip(1)), p => Assert.Equal(960u, p.Second.Timestamp - p.First.Timestamp));
        Assert.All(audio, p => Assert.Equal(111, p.PayloadType));
    }

    [Fact]
    public void SourceSwapKeepsSsrcSequenceAndTimestampContinuity()
    {
        var (packetizer, packets) = Create();
        packetizer.Push(X264Stream.Bytes);
        packetizer.Flush(); // StartNewSource would flush the old source's last frame too
        var before = packets.Count;
        var lastVideo = packets.Last(p => p.Kind == RtpTrackKind.Video).Packet;
        var lastAudio = packets.Last(p => p.Kind == RtpTrackKind.Audio).Packet;

        // A new orchestrator: same codec parameters, its own timeline (the same bytes, so PTS go back 4 s).
        packetizer.StartNewSource();
        packetizer.Push(X264Stream.Bytes);
        packetizer.Flush();
        var after = packets.Skip(before).ToList();
        var nextVideo = after.First(p => p.Kind == RtpTrackKind.Video).Packet;
        var nextAudio = after.First(p => p.Kind == RtpTrackKind.Audio).Packet;
        Assert.Equal(1, packetizer.Rebases);
        Assert.Equal(lastVideo.Ssrc, nextVideo.Ssrc);
        Assert.Equal((ushort)(lastVideo.SequenceNumber + 1), packets.Skip(before - 1).First(p => p.Kind == RtpTrackKind.Video && p.Packet != lastVideo).Packet.SequenceNumber);
        Assert.InRange(nextVideo.Timestamp - lastVideo.Timestamp, 1u, 9000u); // within 100 ms, forwards
        Assert.InRange(nextAudio.Timestamp - lastAudio.Timestamp, 1u, 9600u);
        Assert.Equal(24, nextVideo.Payload.Span[0] & 0x1F); // new source starts at its IDR with SPS/PPS
        AssertMonotonic(packets.Where(p => p.Kind == RtpTrackKind.Video).Select(p => p.Packet.Timestamp));
    }

    [Fact]
    public void UnannouncedTimestampJumpIsRebasedToo()
    {
        var (packetizer, packets) = Create();
        packetizer.Push(X264Stream.Bytes);
        packetizer.Push(X264Stream.Bytes); // PTS jumps back 4 s inside one byte stream
        packetizer.Flush();
        Assert.Equal(1, packetizer.Rebases);
        AssertMonotonic(packets.Where(p => p.Kind == RtpTrackKind.Video).Select(p => p.Packet.Timestamp));
    }

    [Fact]
    public void TimestampsStayContinuousAcrossThe33BitPtsWrap()
    {
        // Re-mux the x264 frames with PTS just below 2^33 so the PES timestamps wrap mid-stream.
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        var muxer = new TsMuxer(output);
        var v = muxer.AddTrack(TsCodec.H264);
        var frames = X264Stream.Frames().Where(f => f.Track.Codec == TsCodec.H264).ToList();
        var shift = TsPacket.TimestampModulus - 90_000 - frames[0].Pts;
        foreach (var f in frames)
        {
            muxer.WriteFrame(v, f.Pts + shift, f.Pts + shift, f.Data, f.Keyframe);
        }

        var (packetizer, packets) = Create();
        packetizer.Push(output.WrittenSpan);
        packetizer.Flush();
        Assert.Equal(0, packetizer.Rebases);
        var timestamps = packets.Select(p => p.Packet.Timestamp).Distinct().ToList();
        Assert.Equal(frames.Count, timestamps.Count);
        Assert.All(timestamps.Zip(timestamps.Skip(1)), p => Assert.Equal(3000u, p.Second - p.First));
    }

    [Fact]
    public void AacAudioIsDroppedAndCounted()
    {
        var (packetizer, packets) = Create();
        packetizer.Push(FfmpegSegments.All[0]);
        packetizer.Flush();
        Assert.True(packetizer.DroppedAudioFrames > 0);
        Assert.DoesNotContain(packets, p => p.Kind == RtpTrackKind.Audio);
        Assert.Contains(packets, p => p.Kind == RtpTrackKind.Video);
    }

    [Fact]
    public void GarbageIsSkipped()
    {
        var (packetizer, packets) = Create();
        var random = new Random(1);
        var junk = new byte[188 * 50];
        random.NextBytes(junk);
        for (var i = 0; i < junk.Length; i += 188)
        {
            junk[i] = 0x47;
        }

        packetizer.Push(junk);
        packetizer.Push(X264Stream.Bytes);
        packetizer.Flush();
        Assert.Contains(packets, p => p.Kind == RtpTrackKind.Video);
    }

    private static void AssertMonotonic(IEnumerable<uint> timestamps)
    {
        var list = timestamps.ToList();
        Assert.All(list.Zip(list.Skip(1)), p => Assert.True((int)(p.Second - p.First) >= 0, $"{p.First} → {p.Second}"));
    }

    private static (TsToRtpPacketizer Packetizer, List<(RtpTrackKind Kind, RtpPacket Packet)> Packets) Create()
    {
        var packetizer = new TsToRtpPacketizer(new TsToRtpOptions
        {
            Video = new RtpStreamWriter(0x1234, 102, 65530),
            Audio = new RtpStreamWriter(0x5678, 111, 7),
        });
        var packets = new List<(RtpTrackKind, RtpPacket)>();
        packetizer.PacketReady += (kind, packet) => packets.Add((kind, packet));
        return (packetizer, packets);
    }

}
