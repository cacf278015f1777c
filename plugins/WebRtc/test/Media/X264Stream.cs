using Livepeer.Media.MpegTs;
using Livepeer.Testing;

namespace Livepeer.Plugins.WebRtc.Tests.Media;

/// <summary>
/// A real x264 stream made once per run by ffmpeg: 4 s of 320x240 at 30 fps, <c>-tune zerolatency</c> with 4 slices
/// per picture (platform finding 9), a keyframe every second, (x264 writes 3 per picture at this size) and Opus audio, muxed to MPEG-TS.
/// </summary>
internal static class X264Stream
{
    private static readonly Lazy<byte[]> Ts = new(Create);

    /// <summary>The MPEG-TS bytes.</summary>
    public static byte[] Bytes => Ts.Value;

    /// <summary>The demuxed frames (copied).</summary>
    public static IReadOnlyList<(TsTrack Track, long Pts, byte[] Data, bool Keyframe)> Frames()
    {
        var frames = new List<(TsTrack, long, byte[], bool)>();
        var demuxer = new TsDemuxer();
        demuxer.FrameReceived += f => frames.Add((f.Track, f.Pts, f.Data.ToArray(), f.IsKeyframe));
        demuxer.Push(Bytes);
        demuxer.Flush();
        return frames;
    }

    private static byte[] Create()
    {
        var path = Path.Combine(Path.GetTempPath(), $"x264-{Guid.NewGuid():N}.ts");
        try
        {
            FfmpegSegments.RunAsync("ffmpeg", "-hide_banner -loglevel error -f lavfi -i testsrc=size=320x240:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 4 " +
                "-c:v libx264 -preset ultrafast -tune zerolatency -threads 4 -x264-params slices=4 -pix_fmt yuv420p -g 30 -keyint_min 30 -sc_threshold 0 " +
                $"-c:a libopus -b:a 64k -f mpegts \"{path}\"").GetAwaiter().GetResult();
            return File.ReadAllBytes(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
