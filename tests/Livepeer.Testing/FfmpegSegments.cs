using System.Diagnostics;

namespace Livepeer.Testing;

/// <summary>
/// Three 2-second, keyframe-aligned MPEG-TS segments (H.264 320x240 + AAC) made once per test run by
/// ffmpeg, the way a segmenting encoder produces what it pushes; and a way to run ffmpeg/ffprobe.
/// </summary>
public static class FfmpegSegments
{
    private static readonly Lazy<IReadOnlyList<byte[]>> Segments = new(Create);

    public static IReadOnlyList<byte[]> All => Segments.Value;

    /// <summary>Runs <paramref name="tool"/> and returns its standard output.</summary>
    /// <exception cref="InvalidOperationException">It failed or took more than 30 s; the message holds its error output.</exception>
    public static async Task<string> RunAsync(string tool, string arguments, string? workingDirectory = null)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        }) ?? throw new InvalidOperationException($"{tool} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} failed: {await error.ConfigureAwait(false)}");
        }

        return await output.ConfigureAwait(false);
    }

    private static IReadOnlyList<byte[]> Create()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"ffmpeg-segments-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        try
        {
            RunAsync("ffmpeg", "-hide_banner -loglevel error -f lavfi -i testsrc=size=320x240:rate=30 -f lavfi -i sine=frequency=440:sample_rate=44100 -t 6 " +
                "-c:v libx264 -preset ultrafast -pix_fmt yuv420p -g 60 -keyint_min 60 -sc_threshold 0 -c:a aac " +
                "-f segment -segment_time 2 -segment_format mpegts seg%d.ts", folder).GetAwaiter().GetResult();
            return [.. Enumerable.Range(0, 3).Select(i => File.ReadAllBytes(Path.Combine(folder, $"seg{i}.ts")))];
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
