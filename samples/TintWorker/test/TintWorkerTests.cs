using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Testing;

namespace Livepeer.Samples.TintWorker.Tests;

/// <summary>
/// The worker as an orchestrator drives it: registration, <c>/stream/start</c> with trickle URLs and params,
/// real ffmpeg tinting checked with <c>signalstats</c> (U/V averages follow the params, through
/// <c>/stream/params</c> and the control channel), events, stop, and bad requests.
/// </summary>
public sealed class TintWorkerTests : IAsyncLifetime
{
    private const string Token = "worker-token";
    private readonly InMemorySegmentChannels _channels = new();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private FakeOrchestrator _orchestrator = null!;
    private WorkerApp _worker = null!;

    public async Task InitializeAsync()
    {
        _orchestrator = await FakeOrchestrator.StartAsync();
        foreach (var name in (string[])["s1", "s1-out", "s1-control", "s1-events"])
        {
            await _channels.CreateChannelAsync(name, name.EndsWith("-out", StringComparison.Ordinal) || name == "s1" ? "video/mp2t" : "application/json", default);
        }

        var options = new WorkerOptions { Listen = "http://127.0.0.1:0", OrchUrl = _orchestrator.BaseUri, OrchSecret = FakeOrchestrator.Secret, Token = Token };
        _worker = WorkerApp.Create(options, [], new NamedChannelClients(_channels));
        await _worker.StartAsync(default);
    }

    public async Task DisposeAsync()
    {
        await _worker.DisposeAsync();
        await _orchestrator.DisposeAsync();
        _http.Dispose();
    }

    private Task<HttpResponseMessage> PostAsync(string path, string body, string? streamId = "s1", string? token = Token)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(_worker.Address, path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (streamId is not null)
        {
            request.Headers.Add("X-Stream-Id", streamId);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return _http.SendAsync(request);
    }

    private static string StartBody(string paramsJson) =>
        $$"""{"gateway_request_id":"s1","subscribe_url":"https://o/ai/trickle/s1","publish_url":"https://o/ai/trickle/s1-out","control_url":"https://o/ai/trickle/s1-control","events_url":"https://o/ai/trickle/s1-events","params":{{paramsJson}},"stream_id":"s1"}""";

    // Publishes one input segment and returns the average U and V of the tinted output segment.
    private async Task<(double U, double V)> TintOneAsync(ISegmentPublisher input, ISegmentSubscriber output, int index)
    {
        await input.WriteSegmentAsync(FfmpegSegments.All[index % FfmpegSegments.All.Count], default);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var segment = await output.NextSegmentAsync(timeout.Token);
        Assert.NotNull(segment);
        byte[] data;
        await using (segment)
        {
            data = await segment.ReadAllAsync(32 << 20, timeout.Token);
        }

        return await ChromaAsync(data);
    }

    private static async Task<(double U, double V)> ChromaAsync(byte[] ts)
    {
        var file = Path.Combine(Path.GetTempPath(), $"tint-{Guid.NewGuid():N}.ts");
        await File.WriteAllBytesAsync(file, ts);
        try
        {
            var probe = await FfmpegSegments.RunAsync("ffprobe", $"-v error -f lavfi -i \"movie={file},signalstats\" -show_entries frame_tags=lavfi.signalstats.UAVG,lavfi.signalstats.VAVG -of csv=p=0");
            var rows = probe.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray())
                .ToList();
            Assert.True(rows.Count >= 30, $"only {rows.Count} frames came out");
            return (rows.Average(r => r[0]), rows.Average(r => r[1]));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Registers_tints_follows_updates_and_stops()
    {
        Assert.True(await _worker.Registration);
        var (path, authorization, body) = _orchestrator.Calls.First();
        Assert.All(_orchestrator.Calls, c => Assert.Equal("/capability/register", c.Path)); // the first, and renewals
        Assert.Equal("/capability/register", path);
        Assert.Equal(FakeOrchestrator.Secret, authorization);
        using (var registration = JsonDocument.Parse(body))
        {
            Assert.Equal("tint", registration.RootElement.GetProperty("name").GetString());
            Assert.Equal(_worker.Address.ToString().TrimEnd('/'), registration.RootElement.GetProperty("url").GetString());
            Assert.Equal(Token, registration.RootElement.GetProperty("token").GetString());
        }

        using (var denied = await PostAsync("/stream/start", StartBody("{}"), token: "wrong"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, denied.StatusCode);
        }

        using (var started = await PostAsync("/stream/start", StartBody("\"{\\\"u\\\":128,\\\"v\\\":128}\"")))
        {
            Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        }

        var events = CollectEventsAsync();
        await using var input = _channels.OpenPublisher("s1");
        await using var output = _channels.OpenSubscriber("s1-out", SegmentChannelInfo.NextSegment);
        var gray = await TintOneAsync(input, output, 0);
        Assert.InRange(gray.U, 125, 131);
        Assert.InRange(gray.V, 125, 131);

        using (var updated = await PostAsync("/stream/params", """{"u":80,"v":180}"""))
        {
            Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        }

        var tinted = await TintOneAsync(input, output, 1);
        Assert.InRange(tinted.U, 77, 83);
        Assert.InRange(tinted.V, 177, 183);

        // The control channel carries updates too; keep-alives are ignored.
        await using (var control = _channels.OpenPublisher("s1-control"))
        {
            await control.WriteJsonSegmentAsync(new { keep = "alive" }, default);
            await control.WriteJsonSegmentAsync(new { u = 200, v = 60 }, default);
        }

        var session = _worker.Sessions["s1"];
        for (var i = 0; i < 200 && session.Params != new TintParams(200, 60); i++)
        {
            await Task.Delay(25);
        }

        Assert.Equal(new TintParams(200, 60), session.Params);
        var controlled = await TintOneAsync(input, output, 2);
        Assert.InRange(controlled.U, 197, 203);
        Assert.InRange(controlled.V, 57, 63);

        using (var stopped = await PostAsync("/stream/stop", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, stopped.StatusCode);
        }

        using (var again = await PostAsync("/stream/stop", "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var idle = await PostAsync("/stream/params", """{"u":1}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, idle.StatusCode);
        }

        // Events: started, both updates, stopped, in order.
        var types = await events.WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(["stream_started", "params_updated", "params_updated", "stream_stopped"], types.Where(t => t != "heartbeat"));
    }

    private async Task<List<string>> CollectEventsAsync()
    {
        await using var events = _channels.OpenSubscriber("s1-events", 0);
        var types = new List<string>();
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(180));
        while (!types.Contains("stream_stopped") && await events.NextSegmentAsync(cancel.Token) is { } segment)
        {
            await using (segment)
            {
                types.Add((await segment.ReadJsonAsync(cancel.Token))!.Value.GetProperty("type").GetString()!);
            }
        }

        return types;
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("""{"gateway_request_id":"s1"}""")]
    [InlineData("""{"gateway_request_id":"s1","control_url":"ftp://x/c","events_url":"https://o/e"}""")]
    [InlineData("""{"gateway_request_id":"s1","control_url":"https://o/c","events_url":"https://o/e","params":{"u":300}}""")]
    [InlineData("""{"gateway_request_id":"s1","control_url":"https://o/c","events_url":"https://o/e","params":"{bad"}""")]
    [InlineData("""{"gateway_request_id":"s1","control_url":"https://o/c","events_url":"https://o/e","params":[1]}""")]
    public async Task Bad_starts_are_400(string body)
    {
        using var response = await PostAsync("/stream/start", body);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(_worker.Sessions);
    }

    [Fact]
    public async Task Huge_bodies_and_a_second_stream_are_refused()
    {
        using (var huge = await PostAsync("/stream/start", "{\"x\":\"" + new string('a', 2 << 20) + "\"}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        }

        using (var first = await PostAsync("/stream/start", StartBody("{}")))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        using (var second = await PostAsync("/stream/start", StartBody("{}").Replace("\"s1\"", "\"s2\"", StringComparison.Ordinal), streamId: "s2"))
        {
            Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        }

        using (var bad = await PostAsync("/stream/params", """{"v":-1}"""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }
    }
}
