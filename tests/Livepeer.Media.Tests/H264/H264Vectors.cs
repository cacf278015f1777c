namespace Livepeer.Media.Tests.H264;

/// <summary>SPS/PPS captured from x264 (via ffmpeg) with the values ffprobe reports for them.</summary>
internal static class H264Vectors
{
    public static readonly (string Name, string Sps, int Profile, int Level, int Width, int Height, double? Fps, string Codec)[] Sps =
    [
        ("baseline 1080p25 (cropped 1088→1080)", "6742c028d900780227e5c044000003000400000300c83c60c920", 66, 40, 1920, 1080, 25, "avc1.42c028"),
        ("main 360p29.97", "674d401eeca05017fcb808800001f480007530078b16cb", 77, 30, 640, 360, 30000 / 1001.0, "avc1.4d401e"),
        ("high 720p60", "67640020acd9405005bb0110000003001000000780f1831960", 100, 32, 1280, 720, 60, "avc1.640020"),
        ("high 4:4:4 320x240", "67f4000d91968141fb0110000003001000000303c0f142aa", 244, 13, 320, 240, 30, "avc1.f4000d"),
        ("high 4:4:4 174x98 (cropped)", "67f4000b919b2859fdc7e022000003000200000300641e28532c", 244, 11, 174, 98, 25, "avc1.f4000b"),
    ];

    public static readonly byte[] Pps = Convert.FromHexString("68ce0f1920");

    public static IEnumerable<byte[]> Seeds() => Sps.Select(v => Convert.FromHexString(v.Sps)).Append(Pps);
}
