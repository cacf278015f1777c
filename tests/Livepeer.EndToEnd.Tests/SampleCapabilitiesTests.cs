using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace Livepeer.EndToEnd.Tests;

/// <summary>
/// The node as <c>./livepeer</c> starts it — no role flag, every shipped plugin, the embedded defaults, the tint
/// sample worker next to it — offers both sample capabilities (<c>text-reversal</c> in-process, <c>tint</c> registered
/// over HTTP by the worker the node runs), restarts a worker that dies, and leaves no worker process behind, whether
/// it stops cleanly or is killed.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // /proc, POSIX signals and file modes
public sealed class SampleCapabilitiesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static string ShippedPlugins => Path.Combine(AppContext.BaseDirectory, "shipped-plugins");

    // ./livepeer publishes the worker to <node>/workers/tint/; here the node runs from its build folder, so the
    // default's program path points at this test's copy (SampleWorkers.targets). Everything else is the default.
    private static string[] TintWorkerHere =>
        [$"--Workers:tint:Args:0={Path.Combine(AppContext.BaseDirectory, "sample-workers", "tint", "Livepeer.Samples.TintWorker.dll")}", "--Workers:tint:Enabled=true"];

    private static async Task<JsonElement> StatusAsync(NodeProcess node)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var status = await http.GetFromJsonAsync<JsonDocument>(new Uri(node.Cli, "/status"));
        return status!.RootElement.Clone();
    }

    private static async Task<JsonElement> WaitForStatusAsync(NodeProcess node, Func<JsonElement, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var status = await StatusAsync(node);
            if (condition(status))
            {
                return status;
            }

            Assert.True(clock.Elapsed < Patience, $"after {Patience}: not {what}.\n/status: {status}\nnode output:\n{node.StandardOutput}{node.StandardError}");
            Assert.False(node.HasExited, "the node exited:\n" + node.StandardOutput + node.StandardError);
            await Task.Delay(250);
        }
    }

    private static JsonElement Section(JsonElement status, string name, string key) =>
        status.GetProperty("sections").TryGetProperty(name, out var section) && section.ValueKind == JsonValueKind.Object && section.TryGetProperty(key, out var value)
            ? value
            : default;

    private static bool TintRunning(JsonElement status) =>
        Section(status, "workers", "tint") is { ValueKind: JsonValueKind.Object } tint && tint.GetProperty("state").GetString() == "running";

    private static int TintPid(JsonElement status) => Section(status, "workers", "tint").GetProperty("pid").GetInt32();

    private static string? TintUrl(JsonElement status) =>
        Section(status, "capabilities", "tint") is { ValueKind: JsonValueKind.Object } tint ? tint.GetProperty("url").GetString() : null;

    private static async Task AssertGoneAsync(int pid, string what)
    {
        var clock = Stopwatch.StartNew();
        while (NodeProcess.IsAlive(pid))
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(20), $"{what} (pid {pid}) is still running");
            await Task.Delay(100);
        }
    }

    [Fact]
    public async Task The_default_node_offers_both_samples_restarts_a_dead_worker_and_stops_it_with_itself()
    {
        using var dir = new TemporaryDirectory();
        var node = await NodeProcess.StartAsync(dir.Combine("data"), ShippedPlugins, TintWorkerHere);
        await using (node)
        {
            var status = await WaitForStatusAsync(node, s => TintRunning(s) && TintUrl(s) is not null && Section(s, "capabilities", "text-reversal").ValueKind == JsonValueKind.Object,
                "tint and text-reversal offered");
            Assert.Equal("in-process", Section(status, "capabilities", "text-reversal").GetProperty("kind").GetString());
            Assert.Equal("external", Section(status, "capabilities", "tint").GetProperty("kind").GetString());
            Assert.StartsWith("http://127.0.0.1:", TintUrl(status), StringComparison.Ordinal);
            Assert.Contains("workers  tint", node.StandardOutput, StringComparison.Ordinal);

            // No -orchSecret: the node made one for its data dir and gave it to the worker, which registered with it.
            var secret = (await File.ReadAllTextAsync(dir.Combine("data", "orchSecret"))).Trim();
            Assert.Equal(64, secret.Length);
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(dir.Combine("data", "orchSecret")));
            Assert.DoesNotContain(secret, node.StandardOutput + node.StandardError, StringComparison.Ordinal);

            // The worker dies: the node starts it again, and the new one (on a new port) registers again.
            var (firstPid, firstUrl) = (TintPid(status), TintUrl(status));
            Process.GetProcessById(firstPid).Kill();
            status = await WaitForStatusAsync(node, s => TintRunning(s) && TintPid(s) != firstPid && TintUrl(s) is { } url && url != firstUrl,
                "the tint worker restarted and registered again");
            Assert.Equal(2, Section(status, "workers", "tint").GetProperty("starts").GetInt32());
            var secondPid = TintPid(status);

            Assert.Equal(0, await node.StopAsync());
            Assert.False(NodeProcess.IsAlive(secondPid), $"the tint worker (pid {secondPid}) outlived the node");
        }
    }

    [Fact]
    public async Task A_killed_node_takes_its_workers_with_it()
    {
        using var dir = new TemporaryDirectory();
        // Besides the tint sample (which also ends when its stdin closes), a worker that ignores stdin and SIGTERM
        // handling: only the kernel's parent-death signal can end it.
        var node = await NodeProcess.StartAsync(dir.Combine("data"), ShippedPlugins,
            [.. TintWorkerHere, "--Workers:sleeper:Command=sleep", "--Workers:sleeper:Args:0=600"]);
        int tint, sleeper;
        await using (node)
        {
            var status = await WaitForStatusAsync(node, s => TintRunning(s) && Section(s, "workers", "sleeper") is { ValueKind: JsonValueKind.Object } w && w.GetProperty("state").GetString() == "running",
                "both workers running");
            (tint, sleeper) = (TintPid(status), Section(status, "workers", "sleeper").GetProperty("pid").GetInt32());
            Assert.True(NodeProcess.IsAlive(tint) && NodeProcess.IsAlive(sleeper));
            await node.KillAsync();
        }

        await AssertGoneAsync(tint, "the tint worker");
        await AssertGoneAsync(sleeper, "the sleep worker");
    }
}
