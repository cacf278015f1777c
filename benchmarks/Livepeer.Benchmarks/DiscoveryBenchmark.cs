using System.Diagnostics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Builtins;
using Livepeer.Host.Gateway;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Microsoft.Extensions.Logging.Abstractions;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Benchmarks;

/// <summary>
/// Discovery of 100 local orchestrators over TLS, 20 of which never answer: the time until the pool hands back a
/// usable list with the default 500 ms discovery timeout, from cold (new connections, TLS handshakes) and warm.
/// </summary>
internal static class DiscoveryBenchmark
{
    private const int Orchestrators = 100;
    private const int Slow = 20;
    private const int Runs = 7;

    public static async Task RunAsync()
    {
        var dir = Servers.TempDir();
        var slowPorts = new HashSet<int>();
        var (app, uris) = await Servers.StartAsync(Orchestrators, Servers.Certificate(dir), web =>
            web.MapGrpcUnary<Net.OrchestratorRequest, Net.OrchestratorInfo>(OrchestratorRpcService.GetOrchestratorPath, Net.OrchestratorRequest.Parser, async (_, call) =>
            {
                var port = call.HttpContext.Connection.LocalPort;
                if (slowPorts.Contains(port))
                {
                    await Task.Delay(Timeout.Infinite, call.CancellationToken);
                }

                return new Net.OrchestratorInfo
                {
                    Transcoder = $"https://127.0.0.1:{port}",
                    PriceInfo = new Net.PriceInfo { PricePerUnit = 1, PixelsPerUnit = 1 },
                };
            }));
        await using var _ = app;
        slowPorts.UnionWith(uris.Take(Slow).Select(u => u.Port));

        var rows = new List<string[]>();
        foreach (var (wanted, label) in new[] { (Orchestrators, "all 100 wanted"), (8, "8 wanted") })
        {
            rows.Add(await MeasureAsync(uris, wanted, $"cold, {label}", warm: false));
            rows.Add(await MeasureAsync(uris, wanted, $"warm, {label}", warm: true));
        }

        Console.WriteLine($"## Discovery: {Orchestrators} orchestrators over TLS, {Slow} never answer, -discoveryTimeout 500ms ({Runs} runs)");
        Table.Print(["case", "usable orchestrators", "median ms", "max ms"], rows);
        Directory.Delete(dir, recursive: true);
    }

    private static async Task<string[]> MeasureAsync(IReadOnlyList<Uri> uris, int wanted, string label, bool warm)
    {
        var source = new ListSource([.. uris.Select(u => new OrchestratorCandidate(u))]);
        var shared = GrpcClient.CreateHttpClient();
        var times = new List<double>();
        var found = 0;
        try
        {
            for (var run = -1; run < Runs; run++)
            {
                var http = warm ? shared : GrpcClient.CreateHttpClient();
                try
                {
                    var pool = new OrchestratorPool([source], new OrchestratorPoolOptions(), new OrchestratorClient(new GrpcClient(http)), null, TimeProvider.System, new SystemRandomSource(), NullLogger<OrchestratorPool>.Instance);
                    var watch = Stopwatch.StartNew();
                    var result = await pool.GetOrchestratorsAsync(wanted, null, null, CancellationToken.None);
                    if (run >= 0)
                    {
                        times.Add(watch.Elapsed.TotalMilliseconds);
                        found = result.Count;
                    }
                }
                finally
                {
                    if (!warm)
                    {
                        http.Dispose();
                    }
                }
            }
        }
        finally
        {
            shared.Dispose();
        }

        times.Sort();
        return [label, found.ToString(), $"{times[times.Count / 2]:0}", $"{times[^1]:0}"];
    }

    private sealed class ListSource(IReadOnlyList<OrchestratorCandidate> candidates) : IDiscoverySource
    {
        public string Name => "bench";

        public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken) =>
            ValueTask.FromResult(candidates);
    }
}
