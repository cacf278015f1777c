using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Livepeer.Testing;

namespace Livepeer.Benchmarks.Media;

/// <summary>
/// N concurrent ffmpeg RTMP publishers (one pre-encoded 2 Mbps 720p30 + AAC FLV, sent with
/// <c>-re -stream_loop -1 -c copy</c>, so publishers are cheap) into (a) nginx-rtmp relaying only and (b) this node
/// (a real node process: RTMP ingest, segmenting into the stream hub, HLS following every stream). The server's
/// CPU is its own utime + stime from <c>/proc/&lt;pid&gt;/stat</c> over the measured window, after a warm-up.
/// </summary>
internal static partial class RtmpIngestBenchmark
{
    // past tiered JIT (at 10 s the JIT still took ~20 % of the node's CPU at 40 streams); LP_BENCH_WARMUP overrides (seconds)
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(double.TryParse(Environment.GetEnvironmentVariable("LP_BENCH_WARMUP"), CultureInfo.InvariantCulture, out var s) ? s : 30);

    public static async Task RunAsync(IReadOnlyList<int> streamCounts, TimeSpan measured, string? nodeAssembly, IReadOnlyList<Variant> variants, string? fixturePath, int repeat)
    {
        if (NginxRtmp.Unavailable is { } reason)
        {
            Console.WriteLine("rtmp: skipped, " + reason);
            return;
        }

        nodeAssembly ??= Path.Combine(RepositoryPaths.Root, ".livepeer", "node", "Livepeer.Host.dll");
        if (!File.Exists(nodeAssembly))
        {
            Console.WriteLine($"rtmp: skipped, {nodeAssembly} is missing (run ./livepeer -h once to build it, or pass --node)");
            return;
        }

        using var folder = new TemporaryDirectory("rtmp-bench");
        var fixture = fixturePath ?? folder.Combine("pattern.flv");
        var clock = Stopwatch.StartNew();
        if (!File.Exists(fixture))
        {
            await RunToEndAsync("ffmpeg",
            "-hide_banner -loglevel error -y -f lavfi -i testsrc2=size=1280x720:rate=30 -f lavfi -i sine=frequency=440:sample_rate=48000 -t 20 " +
            "-vf noise=alls=12:allf=t -c:v libx264 -preset veryfast -b:v 2M -maxrate 2M -bufsize 2M -g 60 -keyint_min 60 -sc_threshold 0 -pix_fmt yuv420p " +
            "-c:a aac -b:a 128k -f flv " + fixture);
        }

        var bitrate = new FileInfo(fixture).Length * 8 / 20.0 / 1e6;
        Console.WriteLine($"fixture: 20 s 1280x720 30 fps H.264 + AAC, {bitrate:F2} Mbps, encoded once in {clock.Elapsed.TotalSeconds:F0} s");
        Console.WriteLine($"each row: {WarmUp.TotalSeconds:F0} s warm-up, then {measured.TotalSeconds:F0} s measured; CPU = server process utime+stime");

        var rows = new List<string[]>();
        foreach (var n in streamCounts.SelectMany(n => Enumerable.Repeat(n, repeat)))
        {
            var nginx = await MeasureNginxAsync(fixture, n, measured);
            var results = new List<(string, Measurement)> { ("nginx-rtmp (relay only)", nginx) };
            foreach (var variant in variants)
            {
                results.Add(("node, " + variant.Label, await MeasureNodeAsync(fixture, n, measured, nodeAssembly, folder, variant.Environment)));
            }

            foreach (var (name, r) in results)
            {
                rows.Add([name, n.ToString(CultureInfo.InvariantCulture), $"{r.Alive}/{n}", r.Served, r.CpuSeconds.ToString("F2", CultureInfo.InvariantCulture),
                    (r.CpuSeconds / (n * measured.TotalMinutes)).ToString("F3", CultureInfo.InvariantCulture), (r.CpuSeconds / measured.TotalSeconds * 100).ToString("F1", CultureInfo.InvariantCulture) + " %",
                    (r.PublisherCpuSeconds / measured.TotalSeconds * 100).ToString("F0", CultureInfo.InvariantCulture) + " %",
                    name.StartsWith("nginx", StringComparison.Ordinal) ? "1.00" : (r.CpuSeconds / Math.Max(nginx.CpuSeconds, 0.01)).ToString("F2", CultureInfo.InvariantCulture),
                    r.LoadAverage]);
            }
        }

        Livepeer.Benchmarks.Table.Print(["server", "streams", "publishers alive", "streams served", "server CPU s", "CPU s per stream-minute", "server CPU", "publishers CPU", "vs nginx", "load avg (1 min)"], rows);
    }

    private static async Task<Measurement> MeasureNginxAsync(string fixture, int n, TimeSpan measured)
    {
        await using var nginx = await NginxRtmp.StartAsync();
        var measurement = await MeasureAsync(nginx.ProcessId, i => nginx.Url($"s{i}").ToString(), fixture, n, measured);
        var published = PublishLine().Matches(nginx.ErrorLog).Select(m => m.Groups[1].Value).Distinct().Count();
        return measurement with { Served = $"{published} published" };
    }

    private static async Task<Measurement> MeasureNodeAsync(string fixture, int n, TimeSpan measured, string nodeAssembly, TemporaryDirectory folder, IReadOnlyList<(string Name, string Value)> environment)
    {
        var data = folder.Combine($"node-{n}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(data);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            nodeAssembly, "-gateway", "-network", "offchain", "-datadir", data, "-maxSessions", (n + 10).ToString(CultureInfo.InvariantCulture),
            "-rtmpAddr", "127.0.0.1:0", "-httpAddr", "127.0.0.1:0", "-cliAddr", "127.0.0.1:0",
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        using var node = Process.Start(info) ?? throw new InvalidOperationException("the node did not start");
        var rtmp = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var http = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        node.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not { } line)
            {
                return;
            }

            lock (output)
            {
                output.AppendLine(line);
            }

            if (RtmpBanner().Match(line) is { Success: true } r)
            {
                rtmp.TrySetResult(r.Groups[1].Value);
            }
            else if (HttpBanner().Match(line) is { Success: true } h)
            {
                http.TrySetResult(h.Groups[1].Value);
            }
        };
        node.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        node.BeginOutputReadLine();
        node.BeginErrorReadLine();
        try
        {
            var listening = Task.WhenAll(rtmp.Task, http.Task);
            if (await Task.WhenAny(listening, Task.Delay(TimeSpan.FromSeconds(60))) != listening)
            {
                lock (output)
                {
                    throw new InvalidOperationException("the node printed no rtmp/gateway listener:\n" + output);
                }
            }

            var baseUrl = (await rtmp.Task).TrimEnd('/');
            var measurement = await MeasureAsync(node.Id, i => $"{baseUrl}/s{i}", fixture, n, measured);

            // what the node made of it: each stream's HLS media playlist has segments
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            var playlists = 0;
            for (var i = 0; i < n; i++)
            {
                try
                {
                    var playlist = await client.GetStringAsync($"{(await http.Task).TrimEnd('/')}/stream/s{i}/source.m3u8");
                    playlists += playlist.Contains("#EXTINF", StringComparison.Ordinal) ? 1 : 0;
                }
                catch (HttpRequestException)
                {
                }
            }

            return measurement with { Served = $"{playlists} HLS playlists" };
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }

            await node.WaitForExitAsync();
        }
    }

    /// <summary>Starts <paramref name="n"/> publishers, waits the warm-up, samples the server's CPU over <paramref name="measured"/>, stops them.</summary>
    private static async Task<Measurement> MeasureAsync(int serverPid, Func<int, string> url, string fixture, int n, TimeSpan measured)
    {
        var publishers = new List<Process>();
        try
        {
            for (var i = 0; i < n; i++)
            {
                var info = new ProcessStartInfo("ffmpeg") { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true };
                foreach (var argument in new[] { "-hide_banner", "-nostats", "-loglevel", "error", "-re", "-stream_loop", "-1", "-i", fixture, "-c", "copy", "-f", "flv", url(i) })
                {
                    info.ArgumentList.Add(argument);
                }

                var publisher = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start");
                _ = publisher.StandardOutput.ReadToEndAsync();
                _ = publisher.StandardError.ReadToEndAsync();
                publishers.Add(publisher);
                await Task.Delay(20); // spread the handshakes and first keyframes a little
            }

            await Task.Delay(WarmUp);
            var server0 = CpuSeconds(serverPid);
            var publishers0 = publishers.Sum(p => CpuSeconds(p.Id));
            await Task.Delay(measured);
            var server1 = CpuSeconds(serverPid);
            var publishers1 = publishers.Sum(p => CpuSeconds(p.Id));
            // the machine's 1-minute load average at the end of the window: other work competing for the cores
            var load = File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";
            return new Measurement(server1 - server0, publishers1 - publishers0, publishers.Count(p => !p.HasExited), "", load);
        }
        finally
        {
            foreach (var publisher in publishers)
            {
                if (!publisher.HasExited)
                {
                    publisher.Kill();
                }

                await publisher.WaitForExitAsync();
                publisher.Dispose();
            }
        }
    }

    /// <summary>utime + stime of a process (all its threads) from /proc/&lt;pid&gt;/stat, in seconds; 0 once it has exited.</summary>
    private static double CpuSeconds(int pid)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return 0;
        }

        // fields after "(comm)": state is field 3, utime field 14, stime field 15 (clock ticks, USER_HZ = 100)
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    private static async Task RunToEndAsync(string tool, string arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(tool, arguments) { UseShellExecute = false, RedirectStandardError = true })
            ?? throw new InvalidOperationException($"{tool} did not start");
        var error = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(limit.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{tool} {arguments} failed: {await error}");
        }
    }

    [GeneratedRegex(@"^\s+(rtmp://\S+)\s+rtmp \(plugin listener\)")]
    private static partial Regex RtmpBanner();

    [GeneratedRegex(@"^\s+(http://\S+)\s+gateway")]
    private static partial Regex HttpBanner();

    [GeneratedRegex(@"publish: name='([^']+)'")]
    private static partial Regex PublishLine();

    /// <summary>A node run: a label and the environment variables it starts with (<c>label:NAME=VALUE,NAME=VALUE</c>).</summary>
    public sealed record Variant(string Label, IReadOnlyList<(string Name, string Value)> Environment)
    {
        public static Variant Parse(string text)
        {
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            var label = colon < 0 ? text : text[..colon];
            var variables = colon < 0 ? [] : text[(colon + 1)..].Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Select(v => v.Split('=', 2)).Select(p => (p[0], p.Length > 1 ? p[1] : "")).ToList();
            return new Variant(label, variables);
        }
    }

    private sealed record Measurement(double CpuSeconds, double PublisherCpuSeconds, int Alive, string Served, string LoadAverage);
}
