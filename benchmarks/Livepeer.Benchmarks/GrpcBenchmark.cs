using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Livepeer.Abstractions;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;

namespace Livepeer.Benchmarks;

/// <summary>
/// Round trips per second over one TLS connection and over ten: an empty HTTP/2 handler (the baseline: TLS,
/// HTTP/2 and Kestrel only), the project's gRPC layer with an empty message (Ping), and GetOrchestrator.
/// </summary>
internal static class GrpcBenchmark
{
    private const int InFlight = 40;

    public static async Task RunAsync(TimeSpan duration)
    {
        var dir = Servers.TempDir();
        await using var node = await Servers.StartOrchestratorAsync(dir);
        var service = node.Services.GetRequiredService<INodeAddresses>().GetBaseUri(NodeListener.Service)!;
        var (baseline, baselineUris) = await Servers.StartAsync(1, Servers.Certificate(Path.Combine(dir, "baseline")), app =>
            app.MapPost("/empty", context => context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted)));
        await using var _ = baseline;

        var rows = new List<string[]>();
        foreach (var connections in new[] { 1, 10 })
        {
            var clients = Enumerable.Range(0, connections).Select(_ => Servers.SingleConnectionClient()).ToList();
            try
            {
                var grpc = clients.Select(c => new GrpcClient(c)).ToList();
                var orchestrators = grpc.Select(g => new OrchestratorClient(g)).ToList();
                rows.Add(await MeasureAsync("empty HTTP/2 handler (baseline)", connections, duration, i => EmptyAsync(clients[i % connections], baselineUris[0])));
                rows.Add(await MeasureAsync("gRPC Ping (empty message)", connections, duration, i => orchestrators[i % connections].PingAsync(service, ReadOnlyMemory<byte>.Empty, CancellationToken.None)));
                rows.Add(await MeasureAsync("gRPC GetOrchestrator", connections, duration, i => orchestrators[i % connections].GetOrchestratorAsync(service, default, default, null, true, null, CancellationToken.None)));
            }
            finally
            {
                clients.ForEach(c => c.Dispose());
            }
        }

        Console.WriteLine($"## Round trips ({InFlight} calls in flight, {duration.TotalSeconds:0} s each after a warm-up)");
        Table.Print(["call", "TLS connections", "calls/s", "mean latency ms", "p99 latency ms"], rows);
        Directory.Delete(dir, recursive: true);
    }

    private static async Task EmptyAsync(HttpClient client, Uri server)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(server, "/empty"))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(new byte[5]),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        await response.Content.ReadAsByteArrayAsync();
    }

    private static async Task<string[]> MeasureAsync(string name, int connections, TimeSpan duration, Func<int, Task> call)
    {
        // Warm-up: open the connections and JIT the paths.
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async i =>
        {
            for (var n = 0; n < 20; n++)
            {
                await call(i);
            }
        }));

        var latencies = new List<double>[InFlight];
        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, InFlight).Select(async i =>
        {
            var mine = latencies[i] = new List<double>(100_000);
            while (watch.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                await call(i);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = watch.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToList();
        return [name, connections.ToString(), $"{all.Count / elapsed:N0}", $"{all.Average():0.00}", $"{all[(int)(all.Count * 0.99)]:0.00}"];
    }
}
