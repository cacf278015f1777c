using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Host.Tests.Byoc;

/// <summary>
/// An orchestrator node in process with the shipped Trickle, Byoc and TextReversal plugins loaded from their
/// plugin folders, driven the way the Python SDK drives it (§1.9), and an external worker registered over HTTPS.
/// </summary>
[Collection(nameof(ByocWireTests))]
public sealed class ByocWireTests
{
    private const string Secret = "wire-secret";

    private static async Task<InProcessNode> StartNodeAsync(TemporaryDirectory dir)
    {
        var plugins = dir.Combine("plugins");
        foreach (var id in new[] { "Trickle", "Byoc", "TextReversal" })
        {
            CopyDirectory(Path.Combine(AppContext.BaseDirectory, "shipped-plugins", id), Path.Combine(plugins, id));
        }

        return await InProcessNode.StartAsync("-orchestrator", "-pluginsDir", plugins, "-orchSecret", Secret, "--Plugins:Byoc:MonitorInterval=200ms");
    }

    [Fact]
    public async Task The_python_sdk_text_reversal_sequence_works_against_the_node()
    {
        using var dir = new TemporaryDirectory();
        await using var node = await StartNodeAsync(dir);
        using var client = new SdkClient();

        // Steps 3-4: GetOrchestrator over TLS (pinned certificate), then the preflight fallback without capabilities.
        var info = await client.GetOrchestratorAsync(node.Service, withCapabilities: true);
        Assert.StartsWith("https://127.0.0.1:", info.Transcoder, StringComparison.Ordinal);
        Assert.Contains("text-reversal", info.Capabilities.Constraints.PerCapability[(uint)Capability.Byoc].Models.Keys);
        var preflight = await client.GetOrchestratorAsync(node.Service, withCapabilities: false);
        Assert.Contains(preflight.CapabilitiesPrices, p => p.Capability == (uint)Capability.Byoc && p.Constraint == "text-reversal" && p.PixelsPerUnit > 0);

        // Step 8: start; the URLs are read from the headers only.
        var transcoder = new Uri(info.Transcoder + "/");
        var id = Convert.ToHexStringLower(Guid.NewGuid().ToByteArray());
        var job = client.Job("text-reversal", id);
        using var start = await client.PostAsync(new Uri(transcoder, "ai/stream/start"), job, $"{{\"stream_id\": \"{id}\"}}", payment: true);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var control = new Uri(start.Headers.GetValues("X-Control-Url").Single());
        var events = new Uri(start.Headers.GetValues("X-Events-Url").Single());
        Assert.False(start.Headers.Contains("X-Publish-Url"));
        Assert.Equal(transcoder.Authority, control.Authority);

        // Step 9: payments every second (the SDK: every 5 s), going on after stop.
        using var paying = new CancellationTokenSource();
        var payments = new ConcurrentBag<HttpStatusCode>();
        var payer = Task.Run(async () =>
        {
            while (!paying.IsCancellationRequested)
            {
                using var paid = await client.PostAsync(new Uri(transcoder, "ai/stream/payment"), job, null, payment: true, contentType: "application/x-www-form-urlencoded");
                payments.Add(paid.StatusCode);
                await Task.Delay(TimeSpan.FromSeconds(1), paying.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        });

        // Events subscribed at -2 (long-poll), then control written as the SDK's publisher does.
        var reading = client.ReadEventAsync(events, -2);
        Assert.Equal(0, await client.PublishJsonAsync(control, """{"text": "hello from byoc"}"""));
        var (seq, json, type) = await reading.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(0, seq);
        Assert.Equal("application/json", type);
        using (var reversal = JsonDocument.Parse(json))
        {
            Assert.Equal("hello from byoc", reversal.RootElement.GetProperty("original").GetString());
            Assert.Equal("coyb morf olleh", reversal.RootElement.GetProperty("reversed").GetString());
        }

        // Step 11: stop (header only, body {"stream_id"}), payments after it, then close: DELETE of control.
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var stop = await client.PostAsync(new Uri(transcoder, "ai/stream/stop"), job, $"{{\"stream_id\": \"{id}\"}}", payment: false);
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var before = payments.Count;
        await WaitUntilAsync(() => payments.Count >= before + 2);
        await paying.CancelAsync();
        await payer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.All(payments, status => Assert.Equal(HttpStatusCode.OK, status));

        using var deleted = await client.DeleteAsync(control);
        Assert.True(deleted.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"DELETE answered {(int)deleted.StatusCode}"); // the stop already deleted it (upstream: 400 Invalid stream)
        using var gone = await client.GetAsync(new Uri(events + "/next"));
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_client_that_only_deletes_its_channels_is_reaped()
    {
        using var dir = new TemporaryDirectory();
        await using var node = await StartNodeAsync(dir);
        using var client = new SdkClient();
        var id = "frames" + Guid.NewGuid().ToString("N")[..8];
        var job = client.Job("text-reversal", id, ingress: true, egress: true);
        using var start = await client.PostAsync(new Uri(node.Service, "ai/stream/start"), job, $"{{\"stream_id\": \"{id}\"}}", payment: true);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var publish = new Uri(start.Headers.GetValues("X-Publish-Url").Single());
        var output = new Uri(start.Headers.GetValues("X-Subscribe-Url").Single());
        Assert.EndsWith("/" + id, publish.AbsolutePath, StringComparison.Ordinal);
        Assert.EndsWith("/" + id + "-out", output.AbsolutePath, StringComparison.Ordinal);

        // byoc_write_frames.py never calls stop: it only DELETEs what it published.
        using var deleted = await client.DeleteAsync(publish);
        Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        await WaitUntilAsync(async () => (await client.GetAsync(new Uri(output + "/next"))).StatusCode == HttpStatusCode.NotFound);
        using var control = await client.GetAsync(new Uri(start.Headers.GetValues("X-Control-Url").Single() + "/next"));
        Assert.Equal(HttpStatusCode.NotFound, control.StatusCode);
    }

    [Fact]
    public async Task An_external_worker_registers_over_https_gets_the_node_s_trickle_urls_and_is_dropped_on_401()
    {
        using var dir = new TemporaryDirectory();
        await using var node = await StartNodeAsync(dir);
        await using var worker = await Worker.StartAsync();
        using var client = new SdkClient();

        using var wrong = await client.PostAsync(new Uri(node.Service, "capability/register"), "", "{}", payment: false);
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);

        using var register = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Service, "capability/register"))
        {
            Content = new StringContent($$"""{"name":"ext","url":"{{worker.Url}}","capacity":1,"price_per_unit":0,"price_scaling":1,"token":"tok"}"""),
        };
        register.Headers.TryAddWithoutValidation("Authorization", Secret);
        using var http = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true } });
        using var registered = await http.SendAsync(register);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var info = await client.GetOrchestratorAsync(node.Service, withCapabilities: false);
        Assert.Contains("ext", info.Capabilities.Constraints.PerCapability[(uint)Capability.Byoc].Models.Keys);

        using var start = await client.PostAsync(new Uri(node.Service, "ai/stream/start"), client.Job("ext", "ext1"), """{"stream_id": "ext1", "params": {"u": 80}}""", payment: true);
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        var (path, body, streamId, auth) = Assert.Single(worker.Calls);
        Assert.Equal(("/stream/start", "ext1", "Bearer tok"), (path, streamId, auth));
        using var sent = JsonDocument.Parse(body);
        Assert.Equal(start.Headers.GetValues("X-Control-Url").Single(), sent.RootElement.GetProperty("control_url").GetString());
        Assert.StartsWith(node.Service.ToString(), sent.RootElement.GetProperty("events_url").GetString(), StringComparison.Ordinal);

        worker.Status = 401;
        using var update = await client.PostAsync(new Uri(node.Service, "ai/stream/update"), client.Job("ext", "ext1"), """{"u": 1}""", payment: false);
        Assert.Equal(HttpStatusCode.InternalServerError, update.StatusCode);
        var after = await client.GetOrchestratorAsync(node.Service, withCapabilities: false);
        Assert.False(after.Capabilities.Constraints?.PerCapability.TryGetValue((uint)Capability.Byoc, out var byoc) == true && byoc.Models.ContainsKey("ext"));
    }

    [Fact]
    public async Task Real_signatures_v0_and_v1_are_accepted_and_a_tampered_or_foreign_one_is_refused()
    {
        using var dir = new TemporaryDirectory();
        await using var node = await StartNodeAsync(dir);
        using var client = new SdkClient();
        using var other = new SdkClient();
        var start = new Uri(node.Service, "ai/stream/start");

        using var v0 = await client.PostAsync(start, client.Job("text-reversal", "sig-v0", v0: true), "{}", payment: true);
        Assert.Equal(HttpStatusCode.OK, v0.StatusCode);

        var header = Abstractions.Byoc.ByocJobHeader.Parse(client.Job("text-reversal", "sig-t"));
        using var tampered = await client.PostAsync(start, (header with { TimeoutSeconds = 16 }).Encode(), "{}", payment: true);
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.StartsWith("Could not verify job creds", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var foreign = Abstractions.Byoc.ByocJobHeader.Parse(other.Job("text-reversal", "sig-t")) with { Sender = header.Sender };
        using var stolen = await client.PostAsync(start, foreign.Encode(), "{}", payment: true);
        Assert.Equal(HttpStatusCode.BadRequest, stolen.StatusCode);

        // Only the sender that started a stream may stop it.
        using var stop = await other.PostAsync(new Uri(node.Service, "ai/stream/stop"), other.Job("text-reversal", "sig-v0"), "{}", payment: false);
        Assert.Equal(HttpStatusCode.Forbidden, stop.StatusCode);
    }

    private static async Task WaitUntilAsync(Func<bool> condition) => await WaitUntilAsync(() => Task.FromResult(condition()));

    internal static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(15);
        while (!await condition())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "timed out waiting");
            await Task.Delay(100);
        }
    }

    internal static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    /// <summary>A minimal worker on 127.0.0.1:0 that records calls and answers with <see cref="Status"/>.</summary>
    private sealed class Worker : IAsyncDisposable
    {
        private readonly LoopbackHttpServer _server;

        private Worker(LoopbackHttpServer server)
        {
            _server = server;
            Url = server.Url;
        }

        public Uri Url { get; }

        public int Status { get; set; } = 200;

        public ConcurrentQueue<(string Path, string Body, string? StreamId, string? Auth)> Calls { get; } = new();

        public static async Task<Worker> StartAsync()
        {
            Worker? self = null;
            var server = await LoopbackHttpServer.StartAsync(app => app.Run(async context =>
            {
                using var reader = new StreamReader(context.Request.Body);
                self!.Calls.Enqueue((context.Request.Path.Value ?? "", await reader.ReadToEndAsync(), context.Request.Headers["X-Stream-Id"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault()));
                context.Response.StatusCode = self.Status;
                await context.Response.WriteAsync("{}");
            }));
            self = new Worker(server);
            return self;
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }
}
