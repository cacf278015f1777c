using System.Net;
using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Byoc.Tests.Fakes;

namespace Livepeer.Plugins.Byoc.Tests;

public sealed class StreamTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    private const string AllChannels = """{"enable_video_ingress":true,"enable_video_egress":true,"enable_data_output":true}""";

    [Fact]
    public async Task Start_creates_the_channels_and_answers_their_urls_in_headers_and_body_then_stop_removes_everything()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "s1", AllChannels), """{"stream_id": "s1", "params": {"u": 80}}""");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);

        var expected = new Dictionary<string, string>
        {
            ["X-Publish-Url"] = "s1", ["X-Subscribe-Url"] = "s1-out", ["X-Control-Url"] = "s1-control", ["X-Events-Url"] = "s1-events", ["X-Data-Url"] = "s1-data",
        };
        foreach (var (header, channel) in expected)
        {
            Assert.Equal("https://127.0.0.1:8935/ai/trickle/" + channel, start.Headers.GetValues(header).Single());
        }

        var body = JsonDocument.Parse(await start.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("s1", body.GetProperty("stream_id").GetString());
        Assert.Equal(start.Headers.GetValues("X-Publish-Url").Single(), body.GetProperty("publish_url").GetString());
        Assert.Equal(start.Headers.GetValues("X-Subscribe-Url").Single(), body.GetProperty("subscribe_url").GetString());
        Assert.Equal(start.Headers.GetValues("X-Data-Url").Single(), body.GetProperty("data_url").GetString());
        Assert.Equal(5, server.Channels.Alive);
        Assert.Equal("video/MP2T", server.Channels.MimeOf("s1"));
        Assert.Equal("application/json", server.Channels.MimeOf("s1-control"));
        Assert.Equal("application/jsonl", server.Channels.MimeOf("s1-data"));
        Assert.Equal("""{"u": 80}""", server.Echo.Started.Single().ParamsJson);
        Assert.Equal(1, server.Reserved);

        using var stop = await server.PostAsync("ai/stream/stop", server.Job("echo", "s1", AllChannels), """{"stream_id": "s1"}""");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        server.AssertNothingLeaks();
    }

    [Fact]
    public async Task Optional_channels_exist_only_when_enabled_in_the_signed_parameters()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "s2"), "");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        Assert.True(start.Headers.Contains("X-Control-Url"));
        Assert.True(start.Headers.Contains("X-Events-Url"));
        Assert.False(start.Headers.Contains("X-Publish-Url"));
        Assert.False(start.Headers.Contains("X-Subscribe-Url"));
        Assert.False(start.Headers.Contains("X-Data-Url"));
        Assert.Equal(["s2-control", "s2-events"], server.Channels.Names.Order());
    }

    [Fact]
    public async Task Control_messages_reach_the_capability_and_its_events_come_back()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "s3"), "{}");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        await using var events = server.Channels.OpenSubscriber("s3-events", 0);
        await using var control = server.Channels.OpenPublisher("s3-control");
        await control.WriteJsonSegmentAsync(new { text = "hi" }, CancellationToken.None);
        await using var segment = await events.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Timeout);
        Assert.Equal("hi", (await segment!.ReadJsonAsync(CancellationToken.None))!.Value.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_second_start_of_a_running_stream_is_refused_and_leaves_the_first_alone()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var first = await server.PostAsync("ai/stream/start", server.Job("echo", "dup"), "{}");
        using var second = await server.PostAsync("ai/stream/start", server.Job("echo", "dup"), "{}");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, second.StatusCode);
        Assert.Equal(1, server.Streams.Count);
        Assert.Equal(1, server.Reserved);
        Assert.Equal(2, server.Channels.Alive);
    }

    [Fact]
    public async Task Capacity_is_enforced_and_returned()
    {
        await using var server = await ByocTestServer.StartAsync(echoCapacity: 1);
        using var first = await server.PostAsync("ai/stream/start", server.Job("echo", "c1"), "{}");
        using var full = await server.PostAsync("ai/stream/start", server.Job("echo", "c2"), "{}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, full.StatusCode);
        using var stop = await server.PostAsync("ai/stream/stop", server.Job("echo", "c1"), "{}");
        using var again = await server.PostAsync("ai/stream/start", server.Job("echo", "c2"), "{}");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
    }

    [Fact]
    public async Task A_client_that_vanishes_without_stop_is_reaped_when_its_channels_are_deleted()
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w");
        using var start = await server.PostAsync("ai/stream/start", server.Job("w", "gone", """{"enable_video_ingress":true}"""), "{}");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);

        await server.Monitor.CheckOnceAsync(CancellationToken.None);
        Assert.Equal(1, server.Streams.Count);

        // byoc_write_frames.py only DELETEs the channel it published to.
        await server.Channels.DeleteChannelAsync("gone", CancellationToken.None);
        await server.Monitor.CheckOnceAsync(CancellationToken.None);
        server.AssertNothingLeaks();
        var stop = Assert.Single(worker.CallsTo("/stream/stop"));
        Assert.Equal("gone", stop.StreamId);
        Assert.Equal("", stop.Body);
    }

    [Fact]
    public async Task Updates_reach_the_session_and_an_update_for_an_unknown_stream_is_a_404()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "up"), "{}");
        using var update = await server.PostAsync("ai/stream/update", server.Job("echo", "up"), """{"u":1}""");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        using var unknown = await server.PostAsync("ai/stream/update", server.Job("echo", "nope"), """{"u":1}""");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task Another_sender_cannot_stop_or_update_a_stream()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "mine"), "{}");
        var other = Abstractions.EthAddress.Parse("0x2222222222222222222222222222222222222222");
        using var stop = await server.PostAsync("ai/stream/stop", server.Job("echo", "mine", sender: other), "{}");
        using var update = await server.PostAsync("ai/stream/update", server.Job("echo", "mine", sender: other), "{}");
        Assert.Equal(HttpStatusCode.Forbidden, stop.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, update.StatusCode);
        Assert.Equal(1, server.Streams.Count);
    }

    [Fact]
    public async Task External_worker_gets_the_public_contract_start_params_stop()
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var registered = await server.RegisterAsync(worker.Url, "w", token: "tok");
        using var start = await server.PostAsync("ai/stream/start", server.Job("w", "ext", """{"enable_video_ingress":true,"enable_video_egress":true}"""), """{"stream_id": "ext", "params": {"u": 80, "v": 180}}""");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);

        var call = Assert.Single(worker.CallsTo("/stream/start"));
        Assert.Equal("ext", call.StreamId);
        Assert.Equal("Bearer tok", call.Authorization);
        var body = JsonDocument.Parse(call.Body).RootElement;
        Assert.Equal("ext", body.GetProperty("gateway_request_id").GetString());
        Assert.Equal("ext", body.GetProperty("stream_id").GetString());
        Assert.Equal(80, body.GetProperty("params").GetProperty("u").GetInt32());
        Assert.EndsWith("/ext-control", body.GetProperty("control_url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/ext-events", body.GetProperty("events_url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/ext", body.GetProperty("subscribe_url").GetString(), StringComparison.Ordinal);
        Assert.EndsWith("/ext-out", body.GetProperty("publish_url").GetString(), StringComparison.Ordinal);
        Assert.False(body.TryGetProperty("data_url", out _));

        using var update = await server.PostAsync("ai/stream/update", server.Job("w", "ext"), """{"u":1}""");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode);
        var paramsCall = Assert.Single(worker.CallsTo("/stream/params"));
        Assert.Equal(("""{"u":1}""", "ext", "Bearer tok"), (paramsCall.Body, paramsCall.StreamId, paramsCall.Authorization));

        // pytrickle answers 400 "No active stream to stop" when idle: benign.
        worker.Answers["/stream/stop"] = (400, "application/json", """{"status":"error","message":"No active stream to stop"}""", TimeSpan.Zero);
        using var stop = await server.PostAsync("ai/stream/stop", server.Job("w", "ext"), """{"stream_id": "ext"}""");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        Assert.Equal("""{"stream_id": "ext"}""", Assert.Single(worker.CallsTo("/stream/stop")).Body);
        server.AssertNothingLeaks();

        // A stop after the end (the SDK's close racing the reaper) is fine too.
        using var late = await server.PostAsync("ai/stream/stop", server.Job("w", "ext"), "{}");
        Assert.Equal(HttpStatusCode.OK, late.StatusCode);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(503)]
    [InlineData(409)]
    public async Task A_worker_error_on_start_is_passed_on_and_leaks_nothing(int status)
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w");
        worker.Answers["/stream/start"] = (status, "application/json", """{"status":"error","message":"Pipeline is still initializing"}""", TimeSpan.Zero);
        using var start = await server.PostAsync("ai/stream/start", server.Job("w", "bad", AllChannels), "{}");
        Assert.Equal(status, (int)start.StatusCode);
        Assert.Contains("Pipeline is still initializing", await start.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        server.AssertNothingLeaks();
        Assert.NotNull(server.Registry.Find("w"));
    }

    [Fact]
    public async Task A_worker_that_times_out_on_start_is_a_504_and_leaks_nothing()
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w");
        worker.Answers["/stream/start"] = (200, "application/json", "{}", TimeSpan.FromSeconds(30));
        using var start = await server.PostAsync("ai/stream/start", server.Job("w", "slow", timeout: 1), "{}");
        Assert.Equal(HttpStatusCode.GatewayTimeout, start.StatusCode);
        server.AssertNothingLeaks();
    }

    [Fact]
    public async Task A_worker_401_unregisters_the_capability_and_answers_500()
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w", token: "old");
        worker.Answers["/stream/start"] = (401, "text/plain", "bad token", TimeSpan.Zero);
        using var start = await server.PostAsync("ai/stream/start", server.Job("w", "auth"), "{}");
        Assert.Equal(HttpStatusCode.InternalServerError, start.StatusCode);
        Assert.Equal("Orchestrator worker failure", (await start.Content.ReadAsStringAsync()).Trim());
        Assert.Null(server.Registry.Find("w"));
        server.AssertNothingLeaks();
    }

    [Fact]
    public async Task A_worker_that_dies_mid_stream_is_noticed_on_the_next_update_and_everything_is_released()
    {
        var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w");
        using var start = await server.PostAsync("ai/stream/start", server.Job("w", "dies", AllChannels), "{}");
        Assert.Equal(HttpStatusCode.OK, start.StatusCode);
        await worker.DisposeAsync();

        using var update = await server.PostAsync("ai/stream/update", server.Job("w", "dies"), "{}");
        Assert.Equal(HttpStatusCode.BadGateway, update.StatusCode);
        server.AssertNothingLeaks();
        using var stop = await server.PostAsync("ai/stream/stop", server.Job("w", "dies"), "{}");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
    }

    [Fact]
    public async Task A_worker_that_dies_before_the_client_stops_still_lets_the_stop_release_everything()
    {
        var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w");
        using var start = await server.PostAsync("ai/stream/start", server.Job("w", "dies2"), "{}");
        await worker.DisposeAsync();
        using var stop = await server.PostAsync("ai/stream/stop", server.Job("w", "dies2"), "{}");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode); // upstream: 200 with an empty body when the worker is unreachable
        server.AssertNothingLeaks();
    }

    [Fact]
    public async Task Stopping_the_node_ends_every_stream()
    {
        var server = await ByocTestServer.StartAsync();
        using var start = await server.PostAsync("ai/stream/start", server.Job("echo", "bye", AllChannels), "{}");
        var channels = server.Channels;
        var streams = server.Streams;
        await server.DisposeAsync();
        Assert.Equal(0, streams.Count);
        Assert.Equal(0, channels.Alive);
    }
}
