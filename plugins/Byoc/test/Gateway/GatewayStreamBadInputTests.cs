using System.Net;
using System.Text;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;

namespace Livepeer.Plugins.Byoc.Tests.Gateway;

/// <summary>Garbage at the gateway's stream routes: each answer is a clear 4xx, nothing is reserved, asked or left open.</summary>
public sealed class GatewayStreamBadInputTests
{
    public static TheoryData<string?, string, int, string> BadStarts => new()
    {
        { null, "{}", 400, "Missing Livepeer header" },
        { "not base64 !!", "{}", 400, "not base64" },
        { "eyJ9", "{}", 400, "not valid JSON" },
        { Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"capability":"echo"}""")), "{}", 400, "Job timeout not set" },
        { Convert.ToBase64String(Encoding.UTF8.GetBytes("""{"capability":"echo","timeout_seconds":99999999999}""")), "{}", 400, "timeout_seconds" },
        { Convert.ToBase64String(new byte[20_000]), "{}", 400, "longer than" },
        { GatewayNode.ClientHeader("echo", parameters: "[1]"), "{}", 400, "parameters is not a JSON object" },
        { GatewayNode.ClientHeader("echo", parameters: """{"enable_video_ingress":"yes"}"""), "{}", 400, "not a boolean" },
        { GatewayNode.ClientHeader("echo"), "{", 400, "Invalid JSON body" },
        { GatewayNode.ClientHeader("echo"), "[]", 400, "not an object" },
        { GatewayNode.ClientHeader("echo"), """{"params":"[1,2]"}""", 400, "invalid model params" },
        { GatewayNode.ClientHeader("echo"), """{"params":"{not json"}""", 400, "invalid model params" },
        { GatewayNode.ClientHeader("echo"), """{"params":42}""", 400, "invalid model params" },
        { GatewayNode.ClientHeader("echo"), """{"stream_id":7}""", 400, "stream_id is not a string" },
        { GatewayNode.ClientHeader("echo"), """{"stream_id":"../etc"}""", 400, "Invalid stream id" },
        { GatewayNode.ClientHeader("echo"), """{"stream_id":"cam-out"}""", 400, "Invalid stream id" },
        { GatewayNode.ClientHeader("echo"), $$"""{"stream_id":"{{new string('a', 200)}}"}""", 400, "Invalid stream id" },
        { GatewayNode.ClientHeader("echo"), """{"rtmp_output":"not a url"}""", 400, "rtmp_output" },
        { GatewayNode.ClientHeader("echo"), """{"rtmp_output":"rtmp://example.org/live/key"}""", 400, "No egress on this node can push to rtmp://" },
    };

    [Theory]
    [MemberData(nameof(BadStarts))]
    public async Task Bad_starts_are_refused_before_any_orchestrator_is_asked(string? header, string body, int status, string message)
    {
        var verifier = new FakeVerifier();
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier);
        await using var gateway = await GatewayNode.StartAsync(verifier, [orchestrator]);

        using var response = await gateway.PostAsync("process/stream/start", header, body);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Contains(message, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty(gateway.Directory.Searches);
        await gateway.AssertNothingOpenAsync();
    }

    [Fact]
    public async Task Huge_bodies_are_413_on_start_update_and_stop()
    {
        await using var setup = await GatewayWithWorker.StartAsync(settings: new() { ["MaxBodyBytes"] = "1024" });
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);
        var huge = $$"""{"params":"{{new string('x', 4096)}}"}""";

        using (var start = await gateway.PostAsync("process/stream/start", GatewayNode.ClientHeader("echo"), huge))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, start.StatusCode);
        }

        var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;
        using (var update = await gateway.PostAsync($"process/stream/{id}/update", null, huge))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, update.StatusCode);
        }

        using (var stop = await gateway.PostAsync($"process/stream/{id}/stop", null, huge))
        {
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, stop.StatusCode);
        }

        Assert.NotNull(gateway.Streams.Find(id)); // a refused request leaves the stream alone
        using var ok = await gateway.PostAsync($"process/stream/{id}/stop", null, "{}");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        await gateway.AssertNothingOpenAsync();
    }

    [Fact]
    public async Task Unknown_streams_are_404_data_without_a_data_channel_is_503_and_bad_updates_are_400()
    {
        await using var setup = await GatewayWithWorker.StartAsync();
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);

        foreach (var (method, path) in new[] { ("POST", "stop"), ("POST", "update"), ("GET", "status"), ("GET", "data") })
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), $"process/stream/nobody/{path}") { Content = method == "POST" ? new StringContent("{}") : null };
            using var response = await gateway.Client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("Stream not found\n", await response.Content.ReadAsStringAsync());
        }

        var id = (await gateway.StartStreamAsync("echo", parameters: """{"enable_video_ingress":true,"enable_video_egress":true}""")).GetProperty("stream_id").GetString()!;
        using (var data = await gateway.Client.GetAsync($"process/stream/{id}/data"))
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, data.StatusCode);
            Assert.Equal("Stream data not available\n", await data.Content.ReadAsStringAsync());
        }

        foreach (var body in new[] { "[1]", "nope", "\"text\"", "" })
        {
            using var update = await gateway.PostAsync($"process/stream/{id}/update", null, body);
            Assert.Equal(HttpStatusCode.BadRequest, update.StatusCode);
        }

        using (var badHeader = await gateway.PostAsync($"process/stream/{id}/update", "%%%", "{}"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, badHeader.StatusCode);
        }

        Assert.Empty(worker.Http.CallsTo("/stream/params"));
        using var stop = await gateway.PostAsync($"process/stream/{id}/stop", null, "");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        await gateway.AssertNothingOpenAsync();
    }

    [Fact]
    public async Task The_rtmp_hook_checks_its_form_and_the_stream()
    {
        await using var setup = await GatewayWithWorker.StartAsync();
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);
        var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;

        async Task<HttpStatusCode> HookAsync(string stream, HttpContent content)
        {
            using var response = await gateway.Client.PostAsync($"process/stream/{stream}/rtmp", content);
            return response.StatusCode;
        }

        // MediaMTX's runOnReady in the upstream E2E scripts: curl -F (multipart).
        using var multipart = new MultipartFormDataContent { { new StringContent("conn-1"), "source_id" }, { new StringContent("rtmpConn"), "source_type" } };
        Assert.Equal(HttpStatusCode.OK, await HookAsync(id, multipart));
        Assert.Equal(HttpStatusCode.OK, await HookAsync(id, new FormUrlEncodedContent(new Dictionary<string, string> { ["source_id"] = "x", ["source_type"] = "webrtcSession" })));
        Assert.Equal(HttpStatusCode.BadRequest, await HookAsync(id, new FormUrlEncodedContent(new Dictionary<string, string> { ["source_id"] = "x" })));
        Assert.Equal(HttpStatusCode.BadRequest, await HookAsync(id, new StringContent("source_id=x&source_type=y")));
        Assert.Equal(HttpStatusCode.BadRequest, await HookAsync(id, new FormUrlEncodedContent(Enumerable.Range(0, 100).Select(i => KeyValuePair.Create($"k{i}", "v")))));
        Assert.Equal(HttpStatusCode.NotFound, await HookAsync("nobody", new FormUrlEncodedContent(new Dictionary<string, string> { ["source_id"] = "x", ["source_type"] = "rtmpconn" })));
        Assert.NotNull(gateway.Streams.Find(id));
    }

    [Fact]
    public async Task Cors_is_answered_when_allowed()
    {
        var verifier = new FakeVerifier();
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier);
        await using var open = await GatewayNode.StartAsync(verifier, [orchestrator], new() { ["AllowCors"] = "true" });
        await using var closed = await GatewayNode.StartAsync(verifier, [orchestrator]);

        using var preflight = await open.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "process/stream/start"));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal("*", preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Livepeer", preflight.Headers.GetValues("Access-Control-Allow-Headers").Single(), StringComparison.Ordinal);
        Assert.Equal("OPTIONS, POST, GET", preflight.Headers.GetValues("Access-Control-Allow-Methods").Single());
        using var status = await open.Client.GetAsync("process/stream/x/status");
        Assert.Equal("*", status.Headers.GetValues("Access-Control-Allow-Origin").Single());

        using var plain = await closed.Client.SendAsync(new HttpRequestMessage(HttpMethod.Options, "process/stream/x/stop"));
        Assert.Equal(HttpStatusCode.NoContent, plain.StatusCode);
        Assert.False(plain.Headers.Contains("Access-Control-Allow-Origin"));
    }
}
