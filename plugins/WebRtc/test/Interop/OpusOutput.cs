using Livepeer.Testing;

namespace Livepeer.Plugins.WebRtc.Tests.Interop;

/// <summary>
/// A pipeline output WebRTC can carry whole: eight 1 s keyframe-aligned MPEG-TS segments of H.264 (constrained
/// baseline, 320x240, 30 fps) and Opus (48 kHz stereo), made once per run by ffmpeg.
/// </summary>
internal static class OpusOutput
{
    private static readonly Lazy<IReadOnlyList<byte[]>> Made = new(Make);

    public static IReadOnlyList<byte[]> Segments => Made.Value;

    private static IReadOnlyList<byte[]> Make()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"opus-output-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            FfmpegSegments.RunAsync("ffmpeg", "-hide_banner -loglevel error -f lavfi -i testsrc=size=320x240:rate=30:duration=8 " +
                "-f lavfi -i sine=frequency=440:sample_rate=48000:duration=8 -c:v libx264 -profile:v baseline -preset ultrafast " +
                "-pix_fmt yuv420p -g 30 -keyint_min 30 -sc_threshold 0 -c:a libopus -ar 48000 -ac 2 " +
                "-f segment -segment_time 1 -segment_format mpegts seg%d.ts", folder).GetAwaiter().GetResult();
            return [.. Enumerable.Range(0, 8).Select(i => File.ReadAllBytes(Path.Combine(folder, $"seg{i}.ts")))];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
