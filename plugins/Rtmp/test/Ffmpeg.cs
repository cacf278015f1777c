using System.Diagnostics;
using Livepeer.Media.Flv;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>Runs ffmpeg/ffprobe (installed by test.sh from scripts/test-packages.txt) with a time limit.</summary>
internal static class Ffmpeg
{
    private static readonly Lazy<Task<byte[]>> Fixture = new(() => CreateFixtureAsync());

    public static async Task<(int ExitCode, string Output)> RunAsync(string tool, IEnumerable<string> arguments, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return (-1, await stdout + await stderr + $"\n[{tool} killed after {timeout.TotalSeconds} s]");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>A 4 s H.264 (1 s GOPs, 25 fps, 320x240) + AAC test pattern as FLV, made once per run.</summary>
    public static Task<byte[]> FixtureFlvAsync() => Fixture.Value;

    /// <summary>The fixture's tags grouped into GOPs: each group starts at a video keyframe (sequence headers go with the first).</summary>
    public static async Task<IReadOnlyList<IReadOnlyList<FlvTag>>> FixtureGopsAsync()
    {
        var (_, _, tags) = FlvFile.Read(await FixtureFlvAsync());
        var groups = new List<List<FlvTag>>();
        foreach (var tag in tags)
        {
            var startsGop = tag.Type == FlvTagType.Video && FlvVideoData.Parse(tag.Data) is { IsKeyframe: true, PacketType: AvcPacketType.Nalu };
            if (groups.Count == 0 || (startsGop && groups[^1].Any(t => t.Type == FlvTagType.Video && FlvVideoData.Parse(t.Data).PacketType == AvcPacketType.Nalu)))
            {
                groups.Add([]);
            }

            groups[^1].Add(tag);
        }

        return groups;
    }

    private static async Task<byte[]> CreateFixtureAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"rtmp-fixture-{Environment.ProcessId}-{Guid.NewGuid():N}.flv");
        try
        {
            var (code, output) = await RunAsync("ffmpeg",
            [
                "-hide_banner", "-loglevel", "error", "-y",
                "-f", "lavfi", "-i", "testsrc=size=320x240:rate=25:duration=4",
                "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=44100:duration=4",
                "-c:v", "libx264", "-preset", "ultrafast", "-g", "25", "-keyint_min", "25", "-sc_threshold", "0", "-pix_fmt", "yuv420p",
                "-c:a", "aac", "-b:a", "64k", "-shortest", "-f", "flv", path,
            ], TimeSpan.FromSeconds(30));
            Assert.True(code == 0, "ffmpeg could not make the fixture: " + output);
            return await File.ReadAllBytesAsync(path);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
