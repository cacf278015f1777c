using System.Diagnostics;
using System.Text.Json.Nodes;
using Livepeer.Abstractions.Status;
using Livepeer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Host.Tests.Workers;

/// <summary>
/// The supervisor on a real in-process node with real child processes (<c>sh</c>): a worker gets the node's
/// placeholders, is restarted after it exits, shows in <c>/status</c>, and is stopped — killed when it ignores
/// SIGTERM — when the node stops.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // /proc, POSIX signals and file modes
public sealed class ManagedWorkersTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private static JsonObject Worker(InProcessNode node, string name) =>
        (JsonObject)node.Services.GetServices<INodeStatusSection>().Single(s => s.Name == "workers").Snapshot()![name]!;

    private static async Task<JsonObject> WaitForAsync(InProcessNode node, string name, Func<JsonObject, bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var worker = Worker(node, name);
            if (condition(worker))
            {
                return worker;
            }

            Assert.True(clock.Elapsed < Patience, $"not {what}: {worker}");
            await Task.Delay(50);
        }
    }

    [Fact]
    public async Task A_worker_gets_the_node_placeholders_and_is_restarted_after_it_exits()
    {
        using var dir = new TemporaryDirectory();
        var marker = dir.Combine("runs");
        // Each run appends what it was given, then exits with 3.
        await using var node = await InProcessNode.StartAsync(
            "-orchestrator", "-orchSecret", "s3cret",
            "--Workers:probe:Command=sh",
            "--Workers:probe:Args:0=-c",
            $"--Workers:probe:Args:1=echo \"$ORCH $SECRET $1\" >> {marker}; exit 3",
            "--Workers:probe:Args:2=probe",
            "--Workers:probe:Args:3={dataDir}",
            "--Workers:probe:Env:ORCH={orchUrl}",
            "--Workers:probe:Env:SECRET={orchSecret}");

        var worker = await WaitForAsync(node, "probe", w => (int)w["starts"]! >= 2, "restarted");
        Assert.Equal(3, (int?)worker["lastExitCode"]);
        var runs = await File.ReadAllLinesAsync(marker);
        Assert.True(runs.Length >= 1);
        Assert.Equal($"{node.Service.ToString().TrimEnd('/')} s3cret {node.DataDir}", runs[0]);
        Assert.DoesNotContain("s3cret", worker["command"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stopping_the_node_stops_its_workers_and_kills_one_that_ignores_sigterm()
    {
        using var dir = new TemporaryDirectory();
        var node = await InProcessNode.StartAsync(
            "-orchestrator",
            "--Workers:polite:Command=sleep", "--Workers:polite:Args:0=600",
            "--Workers:stubborn:Command=sh", "--Workers:stubborn:Args:0=-c", "--Workers:stubborn:Args:1=trap '' TERM; while true; do sleep 1; done",
            "--Workers:stubborn:StopTimeout=500ms",
            "--Workers:off:Enabled=false");
        int polite, stubborn;
        await using (node)
        {
            polite = (int)(await WaitForAsync(node, "polite", w => (string?)w["state"] == "running", "running"))["pid"]!;
            stubborn = (int)(await WaitForAsync(node, "stubborn", w => (string?)w["state"] == "running", "running"))["pid"]!;
            Assert.Equal("disabled", (string?)Worker(node, "off")["state"]);
            Assert.True(NodeProcess.IsAlive(polite) && NodeProcess.IsAlive(stubborn));
            await node.App.StopAsync();
            Assert.Equal("stopped", (string?)Worker(node, "polite")["state"]);
            Assert.Equal("stopped", (string?)Worker(node, "stubborn")["state"]);
        }

        Assert.False(NodeProcess.IsAlive(polite), "sleep outlived the node");
        Assert.False(NodeProcess.IsAlive(stubborn), "the worker that ignores SIGTERM outlived the node");
    }
}
