using System.Net;
using System.Text.Json;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Status;
using Livepeer.Plugins.Byoc.Gateway.Streams;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;
using Livepeer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Byoc.Tests.Gateway;

/// <summary>
/// The gateway's stream API (<c>/process/stream/*</c>) against a real orchestrator of this plugin on the real Trickle plugin,
/// with a passthrough worker on the real trickle HTTP clients: URLs, media both ways through the hub, control, events,
/// data, status, stop and what is left afterwards.
/// </summary>
public sealed class GatewayStreamTests
{
    [Fact]
    public async Task Start_answers_the_urls_and_the_worker_gets_the_channels_and_params()
    {
        await using var setup = await GatewayWithWorker.StartAsync();
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);

        var urls = await gateway.StartStreamAsync("echo", """{"stream_name":"cam","stream_id":"s1","params":"{\"u\":100}","rtmp_output":""}""");

        var id = urls.GetProperty("stream_id").GetString();
        Assert.Equal("cam-s1", id);
        var base_ = gateway.BaseUri.ToString().TrimEnd('/') + "/process/stream/cam-s1";
        Assert.Equal(base_ + "/update", urls.GetProperty("update_url").GetString());
        Assert.Equal(base_ + "/status", urls.GetProperty("status_url").GetString());
        Assert.Equal(base_ + "/stop", urls.GetProperty("stop_url").GetString());
        Assert.Equal(base_ + "/data", urls.GetProperty("data_url").GetString());
        // This gateway has no WHIP/WHEP (WebRtc) or RTMP plugin: those URLs are empty rather than wrong.
        Assert.Equal("", urls.GetProperty("whip_url").GetString());
        Assert.Equal("", urls.GetProperty("whep_url").GetString());
        Assert.Equal("", urls.GetProperty("rtmp_url").GetString());
        Assert.Equal("", urls.GetProperty("rtmp_output_url").GetString());

        await Wait.UntilAsync(() => worker.Http.CallsTo("/stream/start").Any(), "the worker's /stream/start");
        var call = worker.Http.CallsTo("/stream/start").Single();
        Assert.Equal("cam-s1", call.StreamId);
        using var body = JsonDocument.Parse(call.Body);
        var root = body.RootElement;
        Assert.Equal("cam-s1", root.GetProperty("gateway_request_id").GetString());
        Assert.Equal(100, root.GetProperty("params").GetProperty("u").GetInt32());
        foreach (var (key, channel) in new[] { ("subscribe_url", "cam-s1"), ("publish_url", "cam-s1-out"), ("control_url", "cam-s1-control"), ("events_url", "cam-s1-events"), ("data_url", "cam-s1-data") })
        {
            Assert.Equal($"{orchestrator.Url.ToString().TrimEnd('/')}/ai/trickle/{channel}", root.GetProperty(key).GetString());
        }

        // The webapp's start: params as a JSON object works the same.
        var second = await gateway.StartStreamAsync("echo", """{"params":{"u":7}}""");
        var other = second.GetProperty("stream_id").GetString()!;
        Assert.Matches("^[0-9a-f]{8}$", other);
        await Wait.UntilAsync(() => worker.Http.CallsTo("/stream/start").Any(c => c.StreamId == other), "the second start");
        Assert.Contains("\"u\":7", worker.Http.CallsTo("/stream/start").Single(c => c.StreamId == other).Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_segments_go_through_the_worker_and_come_back_as_the_out_stream()
    {
        await using var setup = await GatewayWithWorker.StartAsync();
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);
        var id = (await gateway.StartStreamAsync("echo", """{"stream_id":"media"}""")).GetProperty("stream_id").GetString()!;
        await WaitRunningAsync(gateway, id);

        await using (var ingest = await gateway.PublishIngestAsync(id))
        {
            for (var i = 0; i < 3; i++)
            {
                await ingest.WriteAsync(new MediaSegment(id, i, TimeSpan.FromSeconds(2), FfmpegSegments.All[i]), CancellationToken.None);
                await Wait.UntilAsync(() => gateway.Outputs.Segments.Count > i, $"output segment {i}");
            }
        }

        var output = gateway.Outputs.Segments.Select(a => a.Segment).ToList();
        Assert.Equal([id + "-out"], gateway.Outputs.Started);
        Assert.Equal([0L, 1L, 2L], output.Select(s => s.Sequence));
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(FfmpegSegments.All[i], output[i].Data.ToArray()); // passthrough: the same bytes
            Assert.InRange(output[i].Duration.TotalSeconds, 1.8, 2.2); // measured from the segment (TsTiming)
            Assert.Equal(id + "-out", output[i].StreamId);
        }

        Assert.True(output[1].StartTime > output[0].StartTime);
        var status = await gateway.StatusAsync(id);
        Assert.Equal(3, status.GetProperty("ingest_metrics").GetProperty("segments").GetInt32());
        Assert.Equal(3, status.GetProperty("output_metrics").GetProperty("segments").GetInt32());
        Assert.Equal("rtmp", status.GetProperty("ingest_metrics").GetProperty("protocol").GetString());
    }

    [Fact]
    public async Task Updates_reach_the_worker_and_the_control_channel_which_also_carries_keep_alives()
    {
        await using var setup = await GatewayWithWorker.StartAsync();
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);
        var id = (await gateway.StartStreamAsync("echo", """{"params":"{\"u\":1}"}""")).GetProperty("stream_id").GetString()!;
        await WaitRunningAsync(gateway, id);
        await Wait.UntilAsync(() => worker.Control.Contains("""{"u":1}"""), "the start params on the control channel");

        // The webapp's update header (request names the stream, timeout 5).
        var header = GatewayNode.ClientHeader("echo", parameters: "{}", request: $$"""{"stream_id":"{{id}}"}""", timeout: 5);
        using var update = await gateway.PostAsync($"process/stream/{id}/update", header, """{"u":2}""");
        Assert.Equal(HttpStatusCode.OK, update.StatusCode); // the orchestrator's answer (this plugin's orchestrators answer 200 without a body)
        Assert.Equal("""{"u":2}""", worker.Http.CallsTo("/stream/params").Single().Body);
        await Wait.UntilAsync(() => worker.Control.Contains("""{"u":2}"""), "the update on the control channel");

        // No header at all is fine too.
        using var bare = await gateway.PostAsync($"process/stream/{id}/update", null, """{"u":3}""");
        Assert.Equal(HttpStatusCode.OK, bare.StatusCode);

        Assert.DoesNotContain(ControlChannel.KeepAlive, worker.Control);
        gateway.Clock.Advance(TimeSpan.FromSeconds(10));
        await Wait.UntilAsync(() => worker.Control.Contains(ControlChannel.KeepAlive), "a keep-alive after 10 s");
        var status = await gateway.StatusAsync(id);
        Assert.True(status.GetProperty("control_messages").GetInt32() >= 4);
    }

    [Fact]
    public async Task Data_lines_arrive_as_server_sent_events_that_end_with_event_end()
    {
        await using var setup = await GatewayWithWorker.StartAsync();
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);
        var urls = await gateway.StartStreamAsync("echo");
        var id = urls.GetProperty("stream_id").GetString()!;
        await WaitRunningAsync(gateway, id);

        using var request = new HttpRequestMessage(HttpMethod.Get, urls.GetProperty("data_url").GetString());
        using var response = await gateway.Client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());

        await using var ingest = await gateway.PublishIngestAsync(id);
        await ingest.WriteAsync(new MediaSegment(id, 0, TimeSpan.FromSeconds(2), FfmpegSegments.All[0]), CancellationToken.None);
        Assert.Equal("id: 1", await reader.ReadLineAsync());
        Assert.Equal($$"""data: {"segment":1,"bytes":{{FfmpegSegments.All[0].Length}}}""", await reader.ReadLineAsync());
        Assert.Equal("", await reader.ReadLineAsync());

        using var stop = await gateway.PostAsync($"process/stream/{id}/stop", null, "{}");
        Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
        var rest = await reader.ReadToEndAsync();
        Assert.EndsWith("event: end\ndata: {\"type\":\"stream_ended\"}\n\n", rest, StringComparison.Ordinal); // real newlines, not upstream's "\\n"
    }

    [Fact]
    public async Task Status_shows_the_orchestrator_and_the_workers_last_status_event()
    {
        await using var setup = await GatewayWithWorker.StartAsync();
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);
        var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;

        await Wait.UntilAsync(() => gateway.Streams.Find(id)?.Events.LastStatus is not null, "the worker's status event");
        var status = await gateway.StatusAsync(id);
        Assert.Equal(id, status.GetProperty("stream_id").GetString());
        Assert.Equal("running", status.GetProperty("state").GetString());
        Assert.Equal(orchestrator.Url.ToString().TrimEnd('/'), status.GetProperty("orchestrator").GetString());
        Assert.Equal(0, status.GetProperty("swaps").GetInt32());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("error").ValueKind);
        Assert.Equal("running", status.GetProperty("last_status").GetProperty("state").GetString());
        Assert.False(status.GetProperty("ingest_metrics").GetProperty("connected").GetBoolean());

        // The node's GET /status section: the stream, and what it holds open.
        var section = gateway.Services.GetServices<INodeStatusSection>().Single(s => s.Name == "byoc").Snapshot()!;
        var listed = section["gateway"]!["streams"]!.AsArray().Single()!;
        Assert.Equal(id, (string?)listed["stream_id"]);
        Assert.Equal("running", (string?)listed["state"]);
        Assert.Equal(1, (long)section["gateway"]!["open"]!["streams"]!);
        Assert.Equal(1, (long)section["gateway"]!["open"]!["sessions"]!);
        Assert.True((long)section["gateway"]!["open"]!["channel_subscribers"]! >= 3); // events, video out, data
    }

    [Fact]
    public async Task Stop_tells_the_orchestrator_and_releases_everything()
    {
        await using var setup = await GatewayWithWorker.StartAsync();
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!);
        }

        var publications = new List<IStreamPublication>();
        foreach (var id in ids)
        {
            await WaitRunningAsync(gateway, id);
            var ingest = await gateway.PublishIngestAsync(id);
            publications.Add(ingest);
            await ingest.WriteAsync(new MediaSegment(id, 0, TimeSpan.FromSeconds(2), FfmpegSegments.All[0]), CancellationToken.None);
        }

        await Wait.UntilAsync(() => gateway.Outputs.Started.Count == 3, "three outputs");
        Assert.Equal(3, orchestrator.Streams.Count);

        foreach (var id in ids)
        {
            // The webapp's stop: body {}, no Livepeer header.
            using var stop = await gateway.PostAsync($"process/stream/{id}/stop", null, "{}");
            Assert.Equal(HttpStatusCode.OK, stop.StatusCode);
            Assert.Contains(worker.Http.CallsTo("/stream/stop"), c => c.StreamId == id && c.Body == "{}");
        }

        await gateway.AssertNothingOpenAsync();
        Assert.Equal(3, gateway.Outputs.Ended.Count);
        await Wait.UntilAsync(() => orchestrator.Streams.Count == 0, "the orchestrator's streams to end");

        // Ended: stop and update are 404, the final status stays readable.
        using (var again = await gateway.PostAsync($"process/stream/{ids[0]}/stop", null, "{}"))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        }

        var final = await gateway.StatusAsync(ids[0]);
        Assert.Equal("ended", final.GetProperty("state").GetString());
        Assert.Equal("stopped by the client", final.GetProperty("end_reason").GetString());

        // The ingest publications outlive the streams; ending them now touches nothing of the gateway's.
        foreach (var publication in publications)
        {
            await publication.DisposeAsync();
        }

        await gateway.AssertNothingOpenAsync();
    }

    [Fact]
    public async Task A_stream_whose_ingest_never_comes_ends_after_the_ingest_timeout()
    {
        await using var setup = await GatewayWithWorker.StartAsync(settings: new() { ["IngestTimeout"] = "20s", ["EventsTimeout"] = "1h" });
        var (worker, orchestrator, gateway) = (setup.Worker, setup.Orchestrator, setup.Gateway);
        var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;
        await WaitRunningAsync(gateway, id);

        gateway.Clock.Advance(TimeSpan.FromSeconds(10));
        await Task.Delay(100);
        Assert.NotNull(gateway.Streams.Find(id));
        gateway.Clock.Advance(TimeSpan.FromSeconds(10));

        await gateway.AssertNothingOpenAsync();
        Assert.Equal("no ingest for 20 s", (await gateway.StatusAsync(id)).GetProperty("end_reason").GetString());
        await Wait.UntilAsync(() => worker.Http.CallsTo("/stream/stop").Any(), "the orchestrator told to stop");
    }

    [Fact]
    public async Task Rtmp_outputs_are_pushed_from_the_first_output_segment_and_restarted_after_a_failure()
    {
        var egress = new RecordingEgress { FailNext = true };
        await using var setup = await GatewayWithWorker.StartAsync(egress: egress);
        var gateway = setup.Gateway;
        var urls = await gateway.StartStreamAsync("echo", """{"rtmp_output":"rtmp://cdn.example/live/key1,rtmp://cdn.example/live/key2"}""");
        var id = urls.GetProperty("stream_id").GetString()!;
        Assert.Equal("rtmp://cdn.example/live/key1,rtmp://cdn.example/live/key2", urls.GetProperty("rtmp_output_url").GetString());
        await WaitRunningAsync(gateway, id);
        Assert.Empty(egress.Pushes); // nothing to push before the first output segment

        await using var ingest = await gateway.PublishIngestAsync(id);
        await ingest.WriteAsync(new MediaSegment(id, 0, TimeSpan.FromSeconds(2), FfmpegSegments.All[0]), CancellationToken.None);
        await Wait.UntilAsync(() => egress.Pushes.Count == 2, "both pushes to start (one failed)");
        Assert.All(egress.Pushes, p => Assert.Equal(id + "-out", p.StreamId));
        gateway.Clock.Advance(EgressPushes.RetryPause); // the failed one is tried again
        await Wait.UntilAsync(() => egress.Open == 2, "both pushes running");
        await ingest.WriteAsync(new MediaSegment(id, 1, TimeSpan.FromSeconds(2), FfmpegSegments.All[1]), CancellationToken.None);
        await Wait.UntilAsync(() => egress.Sent.Count(s => s.Sequence == 1) == 2, "segment 1 pushed to both targets");
        Assert.Equal(2, gateway.Counters[StreamResource.EgressSessions]);

        using var stop = await gateway.PostAsync($"process/stream/{id}/stop", null, "{}");
        await gateway.AssertNothingOpenAsync();
        Assert.Equal(0, egress.Open);
    }

    [Fact]
    public async Task A_client_that_reconnects_its_ingest_keeps_the_stream_and_its_output()
    {
        await using var setup = await GatewayWithWorker.StartAsync();
        var gateway = setup.Gateway;
        var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;
        await WaitRunningAsync(gateway, id);

        for (var connection = 0; connection < 3; connection++)
        {
            await using var ingest = await gateway.PublishIngestAsync(id);
            await Wait.UntilAsync(() => gateway.Streams.Find(id)!.Ingest.Connected, "the ingest to be followed");
            await ingest.WriteAsync(new MediaSegment(id, 0, TimeSpan.FromSeconds(2), FfmpegSegments.All[connection]), CancellationToken.None);
            await Wait.UntilAsync(() => gateway.Outputs.Segments.Count == connection + 1, $"output of connection {connection}");
        }

        await Wait.UntilAsync(() => !gateway.Streams.Find(id)!.Ingest.Connected, "the ingest to be gone");
        Assert.Equal([id + "-out"], gateway.Outputs.Started);
        Assert.Equal([0L, 1L, 2L], gateway.Outputs.Segments.Select(a => a.Segment.Sequence));
        Assert.Equal(1, gateway.Counters[StreamResource.Sessions]);
        await Wait.UntilAsync(() => gateway.Counters[StreamResource.HubSubscriptions] == 0, "the last ingest subscription to be released");
    }

    internal static Task WaitRunningAsync(GatewayNode gateway, string id) =>
        Wait.UntilAsync(() => gateway.Streams.Find(id) is { Phase: StreamPhase.Running }, $"stream {id} to run on an orchestrator");
}
