using System.Net;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;

namespace Livepeer.Plugins.Byoc.Tests.Gateway;

/// <summary><c>POST /process/request/{route}</c> on the gateway, against real orchestrators (this plugin + Trickle) and recording workers.</summary>
public sealed class GatewayJobTests
{
    [Fact]
    public async Task A_json_job_is_signed_forwarded_to_the_worker_and_answered_with_the_orchestrator_url()
    {
        var verifier = new FakeVerifier();
        await using var worker = await FakeWorker.StartAsync();
        worker.Answers["/run"] = (200, "application/json", """{"message":"hello, livepeer"}""", TimeSpan.Zero);
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier);
        await orchestrator.RegisterAsync(worker.Url, "hello");
        await using var gateway = await GatewayNode.StartAsync(verifier, [orchestrator]);

        using var response = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("hello", parameters: "", id: "job-1"), """{"name":"x"}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"message":"hello, livepeer"}""", await response.Content.ReadAsStringAsync());
        Assert.Equal(orchestrator.Url.ToString().TrimEnd('/'), response.Headers.GetValues("X-Orchestrator-Url").Single());
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var call = Assert.Single(worker.CallsTo("/run"));
        Assert.Equal("""{"name":"x"}""", call.Body);
        Assert.Contains(gateway.Directory.Searches, s => s.Required?.Models is { } m && m.Values.Any(models => models.ContainsKey("hello")));
    }

    [Fact]
    public async Task Server_sent_events_stream_through_line_by_line()
    {
        var verifier = new FakeVerifier();
        await using var worker = await FakeWorker.StartAsync();
        worker.Answers["/chat"] = (200, "text/event-stream", "data: {\"token\":\"a\"}\n\ndata: {\"token\":\"b\"}\n\ndata: [DONE]\n", TimeSpan.Zero);
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier);
        await orchestrator.RegisterAsync(worker.Url, "llm");
        await using var gateway = await GatewayNode.StartAsync(verifier, [orchestrator]);

        using var response = await gateway.PostAsync("process/request/chat", GatewayNode.ClientHeader("llm"), "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("data: {\"token\":\"a\"}", text, StringComparison.Ordinal);
        Assert.Contains("data: {\"token\":\"b\"}", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_orchestrator_is_skipped_a_client_error_is_passed_and_all_failing_is_a_502()
    {
        var verifier = new FakeVerifier();
        await using var broken = await FakeWorker.StartAsync();
        broken.Answers["/run"] = (500, "text/plain", "boom", TimeSpan.Zero);
        await using var good = await FakeWorker.StartAsync();
        await using var first = await OrchestratorNode.StartAsync(verifier);
        // Tokens are used in arrival order: the second one's comes late, so the broken first one is tried first.
        await using var second = await OrchestratorNode.StartAsync(verifier, tokenDelay: TimeSpan.FromMilliseconds(300));
        await first.RegisterAsync(broken.Url, "w");
        await second.RegisterAsync(good.Url, "w");
        await using var gateway = await GatewayNode.StartAsync(verifier, [first, second]);

        using (var moved = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("w"), "{}"))
        {
            Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
            Assert.Equal(second.Url.ToString().TrimEnd('/'), moved.Headers.GetValues("X-Orchestrator-Url").Single());
            Assert.Single(broken.CallsTo("/run"));
        }

        good.Answers["/run"] = (422, "application/json", """{"error":"bad input"}""", TimeSpan.Zero);
        using (var refused = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("w"), "{}"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Equal("""{"error":"bad input"}""", await refused.Content.ReadAsStringAsync());
        }

        good.Answers["/run"] = (503, "text/plain", "busy", TimeSpan.Zero);
        using (var all = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("w"), "{}"))
        {
            Assert.Equal(HttpStatusCode.BadGateway, all.StatusCode);
            Assert.Contains("All 2 orchestrators failed", await all.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // parameters.orchestrators.exclude leaves the broken one out.
        good.Answers.Clear();
        var calls = broken.CallsTo("/run").Count();
        using var excluded = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("w", parameters: $$$"""{"orchestrators":{"exclude":["{{{first.Url}}}"]}}"""), "{}");
        Assert.Equal(HttpStatusCode.OK, excluded.StatusCode);
        Assert.Equal(calls, broken.CallsTo("/run").Count());
    }

    [Fact]
    public async Task Orchestrators_that_do_not_advertise_the_capability_are_still_asked_for_tokens()
    {
        var verifier = new FakeVerifier();
        await using var worker = await FakeWorker.StartAsync();
        worker.Answers["/run"] = (200, "application/json", """{"ok":true}""", TimeSpan.Zero);
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier);
        await orchestrator.RegisterAsync(worker.Url, "hello");
        await using var gateway = await GatewayNode.StartAsync(verifier, [orchestrator]);
        gateway.Directory.Advertises = false;

        using var response = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("hello"), "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(worker.CallsTo("/run"));
        Assert.Equal([true, false], gateway.Directory.Searches.Select(s => s.Required is not null));
    }

    [Fact]
    public async Task No_orchestrator_with_the_capability_is_a_503()
    {
        var verifier = new FakeVerifier();
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier);
        await using var gateway = await GatewayNode.StartAsync(verifier, [orchestrator]);
        using var response = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("nobody-offers-this"), "{}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("No orchestrators available for capability nobody-offers-this", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 400)]
    [InlineData("not base64 !!", 400)]
    [InlineData("eyJ9", 400)] // base64 of a broken object
    [InlineData("eyJjYXBhYmlsaXR5IjoidyJ9", 400)] // {"capability":"w"}: no timeout
    public async Task Bad_headers_are_refused_before_any_orchestrator_is_asked(string? header, int status)
    {
        var verifier = new FakeVerifier();
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier);
        await using var gateway = await GatewayNode.StartAsync(verifier, [orchestrator]);
        using var response = await gateway.PostAsync("process/request/run", header, "{}");
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Empty(gateway.Directory.Searches);
    }

    [Fact]
    public async Task Bad_parameters_and_huge_bodies_are_refused()
    {
        var verifier = new FakeVerifier();
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier);
        await using var gateway = await GatewayNode.StartAsync(verifier, [orchestrator], new() { ["MaxBodyBytes"] = "1024" });
        using var list = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("w", parameters: """{"orchestrators":{"exclude":"x"}}"""), "{}");
        Assert.Equal(HttpStatusCode.BadRequest, list.StatusCode);
        using var notJson = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("w", parameters: "{"), "{}");
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        using var huge = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("w"), new string('x', 4096));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, huge.StatusCode);
        using var get = await gateway.Client.GetAsync("process/request/run");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, get.StatusCode);
        Assert.Empty(gateway.Directory.Searches);
    }

    [Fact]
    public async Task A_priced_job_is_paid_for_at_least_the_orchestrator_minimum_and_v1_signatures_are_accepted()
    {
        var verifier = new FakeVerifier();
        await using var worker = await FakeWorker.StartAsync();
        await using var orchestrator = await OrchestratorNode.StartAsync(verifier, metered: true);
        await orchestrator.RegisterAsync(worker.Url, "paid", price: 10);
        var sender = new TestPaymentSender(GatewayNode.Address);
        await using var gateway = await GatewayNode.StartAsync(verifier, [orchestrator], new() { ["SignatureFormat"] = "v1" }, payments: sender);

        using var response = await gateway.PostAsync("process/request/run", GatewayNode.ClientHeader("paid", timeout: 15, id: "j7"), "{}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var request = Assert.Single(sender.Requests);
        Assert.Equal(GatewayPayments.JobLedger("paid", "j7"), request.LedgerKey);
        Assert.Equal((Abstractions.Rational)600, request.Fee); // 10 wei/s × max(15 s, 60 s)
        Assert.Equal(orchestrator.Url, request.Orchestrator.ServiceUri);

        // The orchestrator credited the payment to the job, then debited the whole seconds of compute (≥ 1).
        var balance = (long)orchestrator.Ledger!.Balance(GatewayNode.Address, "byoc/paid/job/j7").Floor();
        Assert.InRange(balance, 500, 590);
        Assert.Equal(0, balance % 10);
    }
}
