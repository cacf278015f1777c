using System.Diagnostics;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;
using Livepeer.Testing;
using Xunit.Abstractions;

namespace Livepeer.Plugins.Byoc.Tests.Gateway;

/// <summary>
/// Orchestrator failover of gateway streams: a start that fails, an orchestrator that goes away or stalls mid-stream, a
/// silent worker, and too many swaps. The client's ingest stays connected and the hub output is the same publication
/// throughout; swap gaps are measured and printed.
/// </summary>
public sealed class GatewayFailoverTests(ITestOutputHelper output)
{
    [Fact]
    public async Task A_start_that_fails_moves_the_stream_to_the_next_orchestrator()
    {
        var verifier = new FakeVerifier();
        await using var broken = await PassthroughWorker.StartAsync();
        broken.Http.Answers["/stream/start"] = (500, "text/plain", "no GPU", TimeSpan.Zero);
        await using var good = await PassthroughWorker.StartAsync();
        await using var first = await OrchestratorNode.StartAsync(verifier);
        await using var second = await OrchestratorNode.StartAsync(verifier, tokenDelay: TimeSpan.FromMilliseconds(300)); // its token comes second
        await first.RegisterAsync(broken.Url, "echo");
        await second.RegisterAsync(good.Url, "echo");
        await using var gateway = await GatewayNode.StartAsync(verifier, [first, second]);

        var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;
        await GatewayStreamTests.WaitRunningAsync(gateway, id);

        var status = await gateway.StatusAsync(id);
        Assert.Equal(second.Url.ToString().TrimEnd('/'), status.GetProperty("orchestrator").GetString());
        Assert.Equal(1, status.GetProperty("swaps").GetInt32());
        Assert.Equal([first.Url.ToString().TrimEnd('/'), second.Url.ToString().TrimEnd('/')], status.GetProperty("orchestrators").EnumerateArray().Select(o => o.GetString()));
        Assert.Single(broken.Http.CallsTo("/stream/start"));
        Assert.Single(good.Http.CallsTo("/stream/start"));
        Assert.Equal(0, first.Streams.Count); // the failed start left nothing there
    }

    [Fact]
    public async Task An_orchestrator_that_goes_away_mid_stream_is_replaced_and_the_output_continues_on_the_same_publication()
    {
        var verifier = new FakeVerifier();
        await using var worker1 = await PassthroughWorker.StartAsync();
        await using var worker2 = await PassthroughWorker.StartAsync();
        var first = await OrchestratorNode.StartAsync(verifier);
        await using var second = await OrchestratorNode.StartAsync(verifier, tokenDelay: TimeSpan.FromMilliseconds(300));
        await first.RegisterAsync(worker1.Url, "echo");
        await second.RegisterAsync(worker2.Url, "echo");
        await using var gateway = await GatewayNode.StartAsync(verifier, [first, second]);
        var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;
        await GatewayStreamTests.WaitRunningAsync(gateway, id);

        await using var ingest = await gateway.PublishIngestAsync(id);
        using var feeding = new CancellationTokenSource();
        var feeder = FeedAsync(ingest, id, feeding.Token);
        await Wait.UntilAsync(() => gateway.Outputs.Segments.Count >= 3, "output from the first orchestrator");

        var killedAt = Stopwatch.GetTimestamp();
        await first.DisposeAsync(); // the node stops: its streams end, its channels go
        var stopping = Stopwatch.GetElapsedTime(killedAt);
        output.WriteLine($"the first orchestrator took {stopping.TotalMilliseconds:0} ms to stop");
        Assert.True(stopping < TimeSpan.FromSeconds(10), "the orchestrator ends its streams before its web server waits for their long-polls (it took 20 s before)");
        await Wait.UntilAsync(() => worker2.Received >= 3 && gateway.Outputs.Segments.Count(a => a.Timestamp > killedAt) >= 3, "output through the second orchestrator");
        await feeding.CancelAsync();
        await feeder;

        // Segments are fed every 100 ms, so the longest pause between two output segments is the swap's interruption.
        var arrivals = gateway.Outputs.Segments.Select(a => a.Timestamp).ToList();
        var gap = arrivals.Zip(arrivals.Skip(1), (a, b) => Stopwatch.GetElapsedTime(a, b)).Max();
        output.WriteLine($"orchestrator stopped mid-stream: longest output gap {gap.TotalMilliseconds:0} ms across the swap (input every 100 ms, {arrivals.Count} output segments)");
        Assert.Equal([id + "-out"], gateway.Outputs.Started); // one publication: viewers never reconnect
        Assert.Empty(gateway.Outputs.Ended);
        var sequences = gateway.Outputs.Segments.Select(a => a.Segment.Sequence).ToList();
        Assert.Equal(Enumerable.Range(0, sequences.Count).Select(i => (long)i), sequences); // numbering continues across the swap
        var status = await gateway.StatusAsync(id);
        Assert.Equal(second.Url.ToString().TrimEnd('/'), status.GetProperty("orchestrator").GetString());
        Assert.Equal(1, status.GetProperty("swaps").GetInt32());
        Assert.True(status.GetProperty("ingest_metrics").GetProperty("connected").GetBoolean()); // the client never reconnected

        using var stop = await gateway.PostAsync($"process/stream/{id}/stop", null, "{}");
        await gateway.AssertNothingOpenAsync();
    }

    [Fact]
    public async Task A_stalled_output_while_input_flows_swaps_the_orchestrator()
    {
        var verifier = new FakeVerifier();
        await using var worker1 = await PassthroughWorker.StartAsync();
        await using var worker2 = await PassthroughWorker.StartAsync();
        await using var first = await OrchestratorNode.StartAsync(verifier);
        await using var second = await OrchestratorNode.StartAsync(verifier, tokenDelay: TimeSpan.FromMilliseconds(300));
        await first.RegisterAsync(worker1.Url, "echo");
        await second.RegisterAsync(worker2.Url, "echo");
        await using var gateway = await GatewayNode.StartAsync(verifier, [first, second], new() { ["EventsTimeout"] = "1h" });
        var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;
        await GatewayStreamTests.WaitRunningAsync(gateway, id);
        await using var ingest = await gateway.PublishIngestAsync(id);
        await ingest.WriteAsync(new MediaSegment(id, 0, TimeSpan.FromSeconds(2), FfmpegSegments.All[0]), CancellationToken.None);
        await Wait.UntilAsync(() => gateway.Outputs.Segments.Count == 1, "the first output");

        worker1.StallOutput = true;
        var sequence = 1;
        for (var second10 = 0; second10 < 3; second10++)
        {
            // Input keeps coming every 10 s of gateway time; the worker swallows it.
            var received = worker1.Received;
            await ingest.WriteAsync(new MediaSegment(id, sequence, TimeSpan.FromSeconds(2), FfmpegSegments.All[sequence % 3]), CancellationToken.None);
            sequence++;
            await Wait.UntilAsync(() => worker1.Received > received, "the stalled worker to get input");
            gateway.Clock.Advance(TimeSpan.FromSeconds(10));
        }

        await Wait.UntilAsync(() => gateway.Streams.Find(id)?.Current?.Orchestrator == second.Url && gateway.Streams.Find(id)!.Phase == Byoc.Gateway.Streams.StreamPhase.Running, "the swap to the second orchestrator");
        var status = await gateway.StatusAsync(id);
        Assert.Equal(1, status.GetProperty("swaps").GetInt32());
        Assert.Single(worker1.Http.CallsTo("/stream/stop"));
        Assert.Contains("no output for 30 s while input keeps coming", worker1.Http.CallsTo("/stream/stop").Single().Body, StringComparison.Ordinal);

        var before = gateway.Outputs.Segments.Count;
        await ingest.WriteAsync(new MediaSegment(id, sequence, TimeSpan.FromSeconds(2), FfmpegSegments.All[0]), CancellationToken.None);
        await Wait.UntilAsync(() => gateway.Outputs.Segments.Count > before, "output through the second orchestrator");
        Assert.Equal([id + "-out"], gateway.Outputs.Started);
    }

    [Fact]
    public async Task A_worker_that_sends_no_events_fails_its_orchestrator_after_the_events_timeout()
    {
        var verifier = new FakeVerifier();
        await using var silent = await PassthroughWorker.StartAsync();
        silent.Silent = true;
        await using var worker2 = await PassthroughWorker.StartAsync();
        await using var first = await OrchestratorNode.StartAsync(verifier);
        await using var second = await OrchestratorNode.StartAsync(verifier, tokenDelay: TimeSpan.FromMilliseconds(300));
        await first.RegisterAsync(silent.Url, "echo");
        await second.RegisterAsync(worker2.Url, "echo");
        await using var gateway = await GatewayNode.StartAsync(verifier, [first, second], new() { ["IngestTimeout"] = "1h" });
        var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;
        await GatewayStreamTests.WaitRunningAsync(gateway, id);

        gateway.Clock.Advance(TimeSpan.FromSeconds(20));
        await Task.Delay(100);
        Assert.Equal(first.Url, gateway.Streams.Find(id)?.Current?.Orchestrator);
        gateway.Clock.Advance(TimeSpan.FromSeconds(10));

        await Wait.UntilAsync(() => gateway.Streams.Find(id)?.Current?.Orchestrator == second.Url, "the swap away from the silent worker");
        Assert.Contains("no events from the worker for 30 s", silent.Http.CallsTo("/stream/stop").Single().Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task More_swaps_than_allowed_stop_the_stream_with_a_clear_error()
    {
        var verifier = new FakeVerifier();
        var workers = new List<PassthroughWorker>();
        var orchestrators = new List<OrchestratorNode>();
        try
        {
            for (var i = 0; i < 3; i++)
            {
                var worker = await PassthroughWorker.StartAsync();
                worker.Http.Answers["/stream/start"] = (503, "text/plain", "busy", TimeSpan.Zero);
                workers.Add(worker);
                var orchestrator = await OrchestratorNode.StartAsync(verifier, tokenDelay: TimeSpan.FromMilliseconds(200 * i));
                await orchestrator.RegisterAsync(worker.Url, "echo");
                orchestrators.Add(orchestrator);
            }

            await using var gateway = await GatewayNode.StartAsync(verifier, orchestrators, new() { ["MaxSwaps"] = "1" });
            var id = (await gateway.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;

            await gateway.AssertNothingOpenAsync();
            var status = await gateway.StatusAsync(id);
            Assert.Equal("ended", status.GetProperty("state").GetString());
            var error = status.GetProperty("error").GetString()!;
            Assert.StartsWith("too many orchestrator swaps (1 allowed within 60 s); last failure: ", error, StringComparison.Ordinal);
            Assert.Contains("start refused: 503: busy", error, StringComparison.Ordinal);
            Assert.Equal(1, status.GetProperty("swaps").GetInt32());
            Assert.Single(workers[0].Http.CallsTo("/stream/start"));
            Assert.Single(workers[1].Http.CallsTo("/stream/start"));
            Assert.Empty(workers[2].Http.CallsTo("/stream/start")); // stopped before the third

            // With every orchestrator failing and swaps allowed, the error names the last failure instead.
            await using var patient = await GatewayNode.StartAsync(verifier, orchestrators, new() { ["MaxSwaps"] = "10" });
            var other = (await patient.StartStreamAsync("echo")).GetProperty("stream_id").GetString()!;
            await patient.AssertNothingOpenAsync();
            Assert.StartsWith("no orchestrator left for echo; last failure: ", (await patient.StatusAsync(other)).GetProperty("error").GetString(), StringComparison.Ordinal);
        }
        finally
        {
            foreach (var orchestrator in orchestrators)
            {
                await orchestrator.DisposeAsync();
            }

            foreach (var worker in workers)
            {
                await worker.DisposeAsync();
            }
        }
    }

    private static async Task FeedAsync(IStreamPublication ingest, string id, CancellationToken cancellationToken)
    {
        for (var i = 0; !cancellationToken.IsCancellationRequested; i++)
        {
            await ingest.WriteAsync(new MediaSegment(id, i, TimeSpan.FromSeconds(2), FfmpegSegments.All[i % 3]), CancellationToken.None);
            try
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
