using System.Buffers;
using Livepeer.Media.MpegTs;

namespace Livepeer.Benchmarks.Media;

/// <summary>A deterministic stand-in for a 2 Mbps 720p30 stream with 128 kbps AAC: sizes and cadence matter, content does not.</summary>
internal static class Input
{
    public static (byte[] Ts, List<(bool IsVideo, long Pts, byte[] Data, bool Key)> Frames) Build(TimeSpan duration)
    {
        var random = new Random(42);
        var frames = new List<(bool, long, byte[], bool)>();
        var videoFrames = (int)(duration.TotalSeconds * 30);
        long audioPts = 0;
        for (var i = 0; i < videoFrames; i++)
        {
            var pts = i * 3000L;
            var key = i % 60 == 0;
            var size = key ? 60_000 : 7_000 + random.Next(2_000);
            var data = new byte[size];
            random.NextBytes(data);
            data[0] = 0;
            data[1] = 0;
            data[2] = 0;
            data[3] = 1;
            data[4] = (byte)(key ? 0x65 : 0x41);
            frames.Add((true, pts, data, key));
            while (audioPts <= pts)
            {
                var aac = new byte[380];
                random.NextBytes(aac);
                frames.Add((false, audioPts, aac, true));
                audioPts += 1920; // 1024 samples at 48 kHz in 90 kHz ticks
            }
        }

        var output = new ArrayBufferWriter<byte>();
        Mux(frames, output);
        return (output.WrittenSpan.ToArray(), frames);
    }

    /// <summary>Muxes <paramref name="frames"/> into MPEG-TS (PAT/PMT before each keyframe), as the benchmark's "mux" row.</summary>
    public static void Mux(List<(bool IsVideo, long Pts, byte[] Data, bool Key)> frames, IBufferWriter<byte> output)
    {
        var muxer = new TsMuxer(output);
        var video = muxer.AddTrack(TsCodec.H264);
        var audio = muxer.AddTrack(TsCodec.Aac);
        foreach (var (isVideo, pts, data, key) in frames)
        {
            if (isVideo && key)
            {
                muxer.WriteTables();
            }

            muxer.WriteFrame(isVideo ? video : audio, pts, pts, data, key);
        }
    }
}
