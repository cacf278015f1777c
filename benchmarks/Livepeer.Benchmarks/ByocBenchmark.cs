using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Hosting;
using Livepeer.Plugins.Byoc;
using Livepeer.Plugins.TextReversal;
using Livepeer.Plugins.Trickle;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Livepeer.Benchmarks;

/// <summary>
/// BYOC on the orchestrator (F6): stream start latency through <c>/ai/stream/start</c> (channels created on the
/// real trickle plugin, then the worker's <c>/stream/start</c>) against the same worker call made directly,
/// the in-process text-reversal start, stop, and how many idle streams one orchestrator holds.
/// </summary>
internal static class ByocBenchmark
{
    public static async Task RunAsync(int samples, int concurrentStreams)
    {
        var received = new ConcurrentDictionary<string, long>();
        var (worker, workerUri) = await StartAsync(app => app.Run(async context =>
        {
            if (context.Request.Headers["X-Stream-Id"].FirstOrDefault() is { } id && context.Request.Path == "/stream/start")
            {
                received[id] = Stopwatch.GetTimestamp();
            }

            await context.Response.WriteAsync("{}");
        }), null);
        await using var _w = worker;
        var (orchestrator, orchUri) = await StartAsync(_ => { }, Register);
        await using var _o = orchestrator;
        using var http = new HttpClient { BaseAddress = orchUri, Timeout = TimeSpan.FromSeconds(30) };

        using (var register = new HttpRequestMessage(HttpMethod.Post, "capability/register") { Content = new StringContent($$"""{"name":"passthrough","url":"{{workerUri}}","capacity":100000}""") })
        {
            register.Headers.TryAddWithoutValidation("Authorization", "bench");
            (await http.SendAsync(register)).EnsureSuccessStatusCode();
        }

        var direct = new List<double>();
        var toWorker = new List<double>();
        var external = new List<double>();
        var stop = new List<double>();
        var inProcess = new List<double>();
        for (var i = -30; i < samples; i++)
        {
            var id = $"d{i + 100}";
            var t0 = Stopwatch.GetTimestamp();
            using (var request = new HttpRequestMessage(HttpMethod.Post, new Uri(workerUri, "stream/start")) { Content = new StringContent("{}", Encoding.UTF8, "application/json") })
            {
                request.Headers.TryAddWithoutValidation("X-Stream-Id", id);
                (await http.SendAsync(request)).EnsureSuccessStatusCode();
            }

            Record(direct, i, t0);

            id = $"e{i + 100}";
            t0 = Stopwatch.GetTimestamp();
            (await PostAsync(http, "ai/stream/start", Job("passthrough", id, ingress: true))).EnsureSuccessStatusCode();
            Record(external, i, t0);
            if (i >= 0)
            {
                toWorker.Add(Stopwatch.GetElapsedTime(t0, received[id]).TotalMilliseconds);
            }

            t0 = Stopwatch.GetTimestamp();
            (await PostAsync(http, "ai/stream/stop", Job("passthrough", id, ingress: true))).EnsureSuccessStatusCode();
            Record(stop, i, t0);

            id = $"t{i + 100}";
            t0 = Stopwatch.GetTimestamp();
            (await PostAsync(http, "ai/stream/start", Job("text-reversal", id))).EnsureSuccessStatusCode();
            Record(inProcess, i, t0);
            (await PostAsync(http, "ai/stream/stop", Job("text-reversal", id))).EnsureSuccessStatusCode();
        }

        Console.WriteLine($"## BYOC stream start on the orchestrator: {samples} starts each, HTTP/1.1 on loopback, trickle plugin channels (ms)");
        Table.Print(["path", "p50 ms", "p99 ms"],
        [
            ["baseline: POST worker /stream/start directly", P(direct, 0.5), P(direct, 0.99)],
            ["/ai/stream/start → worker /stream/start received", P(toWorker, 0.5), P(toWorker, 0.99)],
            ["/ai/stream/start answered (external worker, 3 channels)", P(external, 0.5), P(external, 0.99)],
            ["/ai/stream/stop answered (worker /stream/stop, channels deleted)", P(stop, 0.5), P(stop, 0.99)],
            ["/ai/stream/start answered (in-process text-reversal, 2 channels)", P(inProcess, 0.5), P(inProcess, 0.99)],
        ]);

        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;
        var started = Stopwatch.GetTimestamp();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        await Parallel.ForEachAsync(Enumerable.Range(0, concurrentStreams), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, _) =>
            (await PostAsync(http, "ai/stream/start", Job("text-reversal", $"c{i}"))).EnsureSuccessStatusCode());
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        GC.Collect();
        var after = Process.GetCurrentProcess().WorkingSet64;
        Console.WriteLine($"## BYOC concurrent streams: {concurrentStreams} in-process text-reversal streams held by one orchestrator");
        Table.Print(["streams", "start all (s)", "starts/s", "CPU s (whole process)", "working set growth MB", "KB per stream"],
        [[$"{concurrentStreams}", $"{seconds:0.00}", $"{concurrentStreams / seconds:N0}", $"{cpu:0.00}", $"{(after - before) / 1e6:0.0}", $"{(after - before) / 1024.0 / concurrentStreams:0.0}"]]);
    }

    private static void Register(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(new NodeSettings(NodeRoles.Orchestrator, "offchain", Path.GetTempPath()) { OrchestratorSecret = "bench" });
        var byoc = Settings("RequireSignature", "false");
        var reversal = Settings("Capacity", "10000");
        new TricklePlugin().Register(services, new PluginContext(new PluginManifest("Trickle", "1", "x.dll", "1.0"), Settings("BasePath", "/ai/trickle/"), AppContext.BaseDirectory, NodeRoles.Orchestrator));
        new ByocPlugin().Register(services, new PluginContext(new PluginManifest("Byoc", "1", "x.dll", "1.0"), byoc, AppContext.BaseDirectory, NodeRoles.Orchestrator));
        new TextReversalPlugin().Register(services, new PluginContext(new PluginManifest("TextReversal", "1", "x.dll", "1.0"), reversal, AppContext.BaseDirectory, NodeRoles.Orchestrator));
    }

    private static IConfiguration Settings(string key, string value) =>
        new ConfigurationBuilder().AddInMemoryCollection([new KeyValuePair<string, string?>(key, value)]).Build();

    private static string Job(string capability, string id, bool ingress = false) =>
        new ByocJobHeader(id, $"{{\"stream_id\":\"{id}\"}}", $"{{\"enable_video_ingress\":{(ingress ? "true" : "false")}}}", capability, "", "", 30).Encode();

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string path, string job)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(ByocHeaders.Job, job);
        return await http.SendAsync(request);
    }

    private static void Record(List<double> into, int i, long t0)
    {
        if (i >= 0)
        {
            into.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }
    }

    private static string P(List<double> values, double q)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)(q * sorted.Count))].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<(WebApplication App, Uri Uri)> StartAsync(Action<WebApplication> map, Action<IServiceCollection>? services)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            foreach (var contributor in app.Services.GetServices<IEndpointContributor>().Where(c => c.Listener == NodeListener.Service))
            {
                contributor.MapEndpoints(endpoints);
            }
        });
        map(app);
        await app.StartAsync();
        return (app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/"));
    }
}
