using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO.Pipelines;
using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Hosting;
using Livepeer.Plugins.Trickle;
using Livepeer.Plugins.Trickle.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Benchmarks;

/// <summary>
/// Trickle on loopback over TLS (F2): throughput of one publisher → one subscriber with 2 MB segments against a
/// minimal Kestrel relay (PUT streams into a pipe, a concurrent GET streams it out: plain HTTP, no trickle),
/// added latency from a publisher's chunk write to the subscriber's read, and fan-out to 100 subscribers.
/// </summary>
internal static class TrickleBenchmark
{
    private const int SegmentBytes = 2 * 1024 * 1024;
    private const int ChunkBytes = 64 * 1024;
    private const int LatencyChunkBytes = 1024;

    public static async Task RunAsync(int segments, int latencyChunks, int fanOutSubscribers, int fanOutSegments)
    {
        var dir = Servers.TempDir();
        var relay = new ConcurrentDictionary<string, Pipe>();
        var (app, baseUri) = await StartAsync(Servers.Certificate(dir), relay);
        await using var _ = app;
        var payload = new byte[SegmentBytes];
        new Random(1).NextBytes(payload);

        var throughput = new List<string[]>();
        var latency = new List<string[]>();
        foreach (var version in new[] { HttpVersion.Version20, HttpVersion.Version11 })
        {
            var options = new TrickleClientOptions { InsecureSkipVerify = true, HttpVersion = version };
            var label = version == HttpVersion.Version20 ? "HTTPS, HTTP/2" : "HTTPS, HTTP/1.1";
            using var clients = new TrickleChannelClients(options, TimeProvider.System, NullLogger.Instance);
            using var http = new HttpClient(TrickleHttp.CreateHandler(options)) { Timeout = Timeout.InfiniteTimeSpan, DefaultRequestVersion = version, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

            Progress($"{label}: warm-up");
            await RelayThroughputAsync(http, baseUri, relay, payload, 5);
            Progress($"{label}: warm-up relay done");
            await TrickleThroughputAsync(app, clients, baseUri, payload, 5);
            Progress($"{label}: throughput");
            var relayRate = await RelayThroughputAsync(http, baseUri, relay, payload, segments);
            var trickleRate = await TrickleThroughputAsync(app, clients, baseUri, payload, segments);
            throughput.Add([label, $"{relayRate:N0}", $"{trickleRate:N0}", $"{trickleRate / relayRate:0.00}"]);

            Progress($"{label}: latency");
            await TrickleLatencyAsync(app, clients, baseUri, 500); // warm-up
            var trickle = await TrickleLatencyAsync(app, clients, baseUri, latencyChunks);
            latency.Add([label, "trickle", $"{latencyChunks:N0}", Ms(trickle, 0.50), Ms(trickle, 0.99), Ms(trickle, 1.0)]);
        }

        Console.WriteLine($"## Trickle throughput: 1 publisher → 1 subscriber, {segments} segments of 2 MB written in 64 KiB chunks (MB/s)");
        Table.Print(["transport", "relay baseline MB/s", "trickle MB/s", "ratio"], throughput);
        Console.WriteLine($"## Trickle added latency: a {LatencyChunkBytes} B chunk written → read, one in flight, 100 chunks per segment (ms)");
        Table.Print(["transport", "path", "chunks", "p50 ms", "p99 ms", "max ms"], latency);

        var fanOut = new List<string[]>();
        foreach (var version in new[] { HttpVersion.Version20, HttpVersion.Version11 })
        {
            var (bytesPerSecond, cpuPerGb, seconds) = await FanOutAsync(app, baseUri, payload, fanOutSubscribers, fanOutSegments, version);
            fanOut.Add([version == HttpVersion.Version20 ? "HTTPS, HTTP/2" : "HTTPS, HTTP/1.1", $"{fanOutSubscribers}", $"{fanOutSubscribers * (long)fanOutSegments * SegmentBytes / 1e9:0.00}", $"{seconds:0.00}", $"{bytesPerSecond / 1e6:N0}", $"{cpuPerGb:0.00}"]);
        }

        Console.WriteLine($"## Trickle fan-out: 1 publisher → {fanOutSubscribers} subscribers (one connection each), {fanOutSegments} segments of 2 MB");
        Table.Print(["transport", "subscribers", "delivered GB", "seconds", "delivered MB/s", "CPU s per delivered GB (whole process)"], fanOut);
        Directory.Delete(dir, recursive: true);
    }

    private static async Task<(WebApplication App, Uri BaseUri)> StartAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 certificate, ConcurrentDictionary<string, Pipe> relay)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (Environment.GetEnvironmentVariable("TRICKLE_BENCH_LOG") is not null)
        {
            builder.Logging.AddConsole().SetMinimumLevel(LogLevel.Debug);
        }

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Limits.MinRequestBodyDataRate = null;
            kestrel.Limits.MinResponseDataRate = null;
            kestrel.Listen(IPAddress.Loopback, 0, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.UseHttps(certificate);
            });
        });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["MaxChannels"] = "100000" }).Build();
        new TricklePlugin().Register(builder.Services, new PluginContext(new PluginManifest("Trickle", "1.0.0", "Livepeer.Plugins.Trickle.dll", "1.0"), configuration, AppContext.BaseDirectory, NodeRoles.Orchestrator));
        var app = builder.Build();
        foreach (var contributor in app.Services.GetServices<IEndpointContributor>())
        {
            contributor.MapEndpoints(app);
        }

        // The baseline: the same bytes through Kestrel with nothing but a pipe between the PUT and the GET.
        app.MapPut("/relay/{id}", async (HttpContext context, string id) =>
        {
            var pipe = relay.GetOrAdd(id, _ => new Pipe());
            await context.Request.BodyReader.CopyToAsync(pipe.Writer, context.RequestAborted);
            await pipe.Writer.CompleteAsync();
        });
        app.MapGet("/relay/{id}", async (HttpContext context, string id) =>
        {
            var pipe = relay.GetOrAdd(id, _ => new Pipe());
            context.Response.ContentType = "video/MP2T";
            await context.Response.StartAsync();
            await pipe.Reader.CopyToAsync(context.Response.BodyWriter, context.RequestAborted);
            await pipe.Reader.CompleteAsync();
            relay.TryRemove(id, out _);
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        return (app, new Uri($"https://127.0.0.1:{port}/"));
    }

    private static async Task<Uri> CreateChannelAsync(WebApplication app, Uri baseUri, string name)
    {
        await app.Services.GetRequiredService<ISegmentChannels>().CreateChannelAsync(name, "video/MP2T", CancellationToken.None);
        return new Uri(baseUri, "/ai/trickle/" + name);
    }

    private static async Task<double> TrickleThroughputAsync(WebApplication app, TrickleChannelClients clients, Uri baseUri, byte[] payload, int segments)
    {
        var url = await CreateChannelAsync(app, baseUri, "tp-" + Guid.NewGuid().ToString("N"));
        await using var subscriber = clients.OpenSubscriber(url, 0);
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        var watch = Stopwatch.StartNew();
        var reading = ReadSegmentsAsync(subscriber, segments);
        for (var i = 0; i < segments; i++)
        {
            await using var writer = await publisher.BeginSegmentAsync(CancellationToken.None);
            for (var offset = 0; offset < payload.Length; offset += ChunkBytes)
            {
                await writer.WriteAsync(payload.AsMemory(offset, ChunkBytes), CancellationToken.None);
            }
        }

        var bytes = await reading;
        watch.Stop();
        await clients.DeleteChannelAsync(url, CancellationToken.None);
        return bytes / 1e6 / watch.Elapsed.TotalSeconds;
    }

    private static async Task<long> ReadSegmentsAsync(ISegmentSubscriber subscriber, int segments)
    {
        var buffer = new byte[ChunkBytes];
        long total = 0;
        for (var i = 0; i < segments; i++)
        {
            await using var segment = await subscriber.NextSegmentAsync(CancellationToken.None) ?? throw new InvalidOperationException("The channel ended early.");
            int read;
            while ((read = await segment.Content.ReadAsync(buffer)) > 0)
            {
                total += read;
            }
        }

        return total;
    }

    private static async Task<double> RelayThroughputAsync(HttpClient http, Uri baseUri, ConcurrentDictionary<string, Pipe> relay, byte[] payload, int segments)
    {
        var watch = Stopwatch.StartNew();
        var prefix = Guid.NewGuid().ToString("N");
        long total = 0;
        var buffer = new byte[ChunkBytes];
        for (var i = 0; i < segments; i++)
        {
            var uri = new Uri(baseUri, $"/relay/{prefix}-{i}");
            var put = http.PutAsync(uri, new ChunkedContent(payload, ChunkBytes)); // concurrently, as publisher and subscriber run
            using (var response = await http.GetAsync(uri, HttpCompletionOption.ResponseHeadersRead))
            {
                await using var stream = await response.Content.ReadAsStreamAsync();
                int read;
                while ((read = await stream.ReadAsync(buffer)) > 0)
                {
                    total += read;
                }
            }

            (await put).Dispose();
        }

        watch.Stop();
        relay.Clear();
        return total / 1e6 / watch.Elapsed.TotalSeconds;
    }

    private static async Task<double[]> TrickleLatencyAsync(WebApplication app, TrickleChannelClients clients, Uri baseUri, int chunks)
    {
        const int PerSegment = 100;
        var url = await CreateChannelAsync(app, baseUri, "lat-" + Guid.NewGuid().ToString("N"));
        await using var subscriber = clients.OpenSubscriber(url, 0);
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        var samples = new double[chunks];
        var chunk = new byte[LatencyChunkBytes];
        var received = new SemaphoreSlim(0);
        var reading = Task.Run(async () =>
        {
            var buffer = new byte[LatencyChunkBytes];
            for (var n = 0; n < chunks;)
            {
                await using var segment = await subscriber.NextSegmentAsync(CancellationToken.None) ?? throw new InvalidOperationException("The channel ended early.");
                for (var k = 0; k < PerSegment && n < chunks; k++, n++)
                {
                    await segment.Content.ReadExactlyAsync(buffer);
                    samples[n] = Stopwatch.GetElapsedTime(BinaryPrimitives.ReadInt64LittleEndian(buffer)).TotalMilliseconds;
                    received.Release();
                }
            }
        });
        for (var n = 0; n < chunks;)
        {
            await using var writer = await publisher.BeginSegmentAsync(CancellationToken.None);
            for (var k = 0; k < PerSegment && n < chunks; k++, n++)
            {
                BinaryPrimitives.WriteInt64LittleEndian(chunk, Stopwatch.GetTimestamp());
                await writer.WriteAsync(chunk, CancellationToken.None);
                await received.WaitAsync();
            }
        }

        await reading;
        await clients.DeleteChannelAsync(url, CancellationToken.None);
        Array.Sort(samples);
        return samples;
    }

    private static async Task<(double BytesPerSecond, double CpuSecondsPerGb, double Seconds)> FanOutAsync(WebApplication app, Uri baseUri, byte[] payload, int subscribers, int segments, Version version)
    {
        var options = new TrickleClientOptions { InsecureSkipVerify = true, HttpVersion = version };
        var url = await CreateChannelAsync(app, baseUri, "fan-" + Guid.NewGuid().ToString("N"));
        var factories = Enumerable.Range(0, subscribers + 1).Select(_ => new TrickleChannelClients(options, TimeProvider.System, NullLogger.Instance)).ToList();
        try
        {
            var readers = factories.Skip(1).Select(f => f.OpenSubscriber(url, 0)).ToList();
            await using var publisher = factories[0].OpenPublisher(url, "video/MP2T");
            await Task.Delay(500); // every subscriber's first GET is waiting on segment 0
            var process = Process.GetCurrentProcess();
            var cpuBefore = process.TotalProcessorTime;
            var watch = Stopwatch.StartNew();
            var reading = readers.Select(r => Task.Run(() => ReadSegmentsAsync(r, segments))).ToList();
            for (var i = 0; i < segments; i++)
            {
                await using var writer = await publisher.BeginSegmentAsync(CancellationToken.None);
                for (var offset = 0; offset < payload.Length; offset += ChunkBytes)
                {
                    await writer.WriteAsync(payload.AsMemory(offset, ChunkBytes), CancellationToken.None);
                }
            }

            var delivered = (await Task.WhenAll(reading)).Sum();
            watch.Stop();
            process.Refresh();
            var cpu = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
            foreach (var reader in readers)
            {
                await reader.DisposeAsync();
            }

            await factories[0].DeleteChannelAsync(url, CancellationToken.None);
            return (delivered / watch.Elapsed.TotalSeconds, cpu / (delivered / 1e9), watch.Elapsed.TotalSeconds);
        }
        finally
        {
            factories.ForEach(f => f.Dispose());
        }
    }

    private static void Progress(string what) => Console.Error.WriteLine($"[{DateTime.UtcNow:HH:mm:ss}] {what}");

    private static string Ms(double[] sorted, double quantile) =>
        sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(quantile * sorted.Length) - 1)].ToString("0.000", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A PUT body of the payload in fixed chunks, chunked transfer (no length), as a publisher sends it.</summary>
    private sealed class ChunkedContent(byte[] payload, int chunk) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < payload.Length; offset += chunk)
            {
                await stream.WriteAsync(payload.AsMemory(offset, chunk));
                await stream.FlushAsync();
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
