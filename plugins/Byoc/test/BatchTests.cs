using System.Net;
using System.Text;
using System.Text.Json;
using Livepeer.Plugins.Byoc.Tests.Fakes;

namespace Livepeer.Plugins.Byoc.Tests;

public sealed class BatchTests
{
    [Fact]
    public async Task A_json_job_goes_to_the_worker_route_and_its_answer_comes_back()
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w", token: "t");
        worker.Answers["/reverse-text"] = (200, "application/json", """{"original":"ab","reversed":"ba"}""", TimeSpan.Zero);
        using var response = await server.PostAsync("process/request/reverse-text", server.Job("w", "j1"), """{"text":"ab"}""");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("""{"original":"ab","reversed":"ba"}""", await response.Content.ReadAsStringAsync());
        var call = Assert.Single(worker.CallsTo("/reverse-text"));
        Assert.Equal(("""{"text":"ab"}""", "Bearer t"), (call.Body, call.Authorization));
        Assert.Equal(0, server.Reserved);
    }

    [Fact]
    public async Task Server_sent_events_are_passed_through_line_by_line_to_done()
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "llm");
        worker.Answers["/run"] = (200, "text/event-stream", "data: {\"token\":\"a\"}\n\ndata: {\"token\":\"b\"}\n\ndata: [DONE]\n\n", TimeSpan.Zero);
        using var response = await server.PostAsync("process/request/run", server.Job("llm", "j2"), "{}");
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Contains("data: {\"token\":\"a\"}", text, StringComparison.Ordinal);
        Assert.Contains("data: {\"token\":\"b\"}", text, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n", text, StringComparison.Ordinal);
        Assert.Equal(0, server.Reserved);
    }

    [Fact]
    public async Task Worker_errors_are_passed_on_and_a_401_or_an_unreachable_worker_unregisters_it()
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w");
        worker.Answers["/run"] = (503, "application/json", """{"error":"busy"}""", TimeSpan.Zero);
        using var busy = await server.PostAsync("process/request/run", server.Job("w", "j3"), "{}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Equal("""{"error":"busy"}""", await busy.Content.ReadAsStringAsync());

        worker.Answers["/run"] = (401, "text/plain", "no", TimeSpan.Zero);
        using var refused = await server.PostAsync("process/request/run", server.Job("w", "j4"), "{}");
        Assert.Equal(HttpStatusCode.InternalServerError, refused.StatusCode);
        Assert.Null(server.Registry.Find("w"));

        using var again = await server.RegisterAsync(worker.Url, "w");
        await worker.StopAsync();
        using var down = await server.PostAsync("process/request/run", server.Job("w", "j5"), "{}");
        Assert.Equal(HttpStatusCode.InternalServerError, down.StatusCode);
        Assert.Null(server.Registry.Find("w"));
        Assert.Equal(0, server.Reserved);
    }

    [Fact]
    public async Task A_job_that_outlives_its_timeout_is_a_504_and_returns_its_place()
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w");
        worker.Answers["/run"] = (200, "application/json", "{}", TimeSpan.FromSeconds(30));
        using var response = await server.PostAsync("process/request/run", server.Job("w", "j6", timeout: 1), "{}");
        Assert.Equal(HttpStatusCode.GatewayTimeout, response.StatusCode);
        Assert.Equal(0, server.Reserved);
        Assert.NotNull(server.Registry.Find("w"));
    }

    [Fact]
    public async Task Unknown_capabilities_are_a_503()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var response = await server.PostAsync("process/request/run", server.Job("nope", "j7"), "{}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
    }

    [Fact]
    public async Task In_process_capabilities_answer_batch_jobs_too()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var response = await server.PostAsync("process/request/anything", server.Job("echo", "j8"), "hello", contentType: "text/plain");
        Assert.Equal("hello", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_paid_job_needs_a_minute_of_compute_and_is_charged_by_the_second()
    {
        await using var server = await ByocTestServer.StartAsync(metered: true, echoPrice: 10);
        using var unpaid = await server.PostAsync("process/request/x", server.Job("echo", "j9"), "hi");
        Assert.Equal(HttpStatusCode.PaymentRequired, unpaid.StatusCode);
        using var paid = await server.PostAsync("process/request/x", server.Job("echo", "j9"), "hi", TestLedger.Pay(ByocTestServer.Sender, 600, "1"));
        Assert.Equal(HttpStatusCode.OK, paid.StatusCode);
        Assert.Equal("600", paid.Headers.GetValues("Livepeer-Balance").Single()); // manual clock: 0 s elapsed
    }

    [Fact]
    public async Task The_token_names_price_capacity_ticket_params_and_service_address()
    {
        await using var server = await ByocTestServer.StartAsync(metered: true, echoPrice: 10);
        var sender = ByocTestServer.Sender.ToString();
        var sig = server.Verifier.SignHashed(ByocTestServer.Sender, Encoding.UTF8.GetBytes(sender));
        using var request = new HttpRequestMessage(HttpMethod.Get, "process/token");
        request.Headers.TryAddWithoutValidation("Livepeer-Eth-Address", Convert.ToBase64String(Encoding.UTF8.GetBytes($$"""{"addr":"{{sender}}","sig":"{{sig}}"}""")));
        request.Headers.TryAddWithoutValidation("Livepeer-Capability", "echo");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(10, token.GetProperty("price").GetProperty("pricePerUnit").GetInt64());
        Assert.Equal(4, token.GetProperty("available_capacity").GetInt32());
        Assert.Equal(sender, token.GetProperty("sender_address").GetProperty("addr").GetString());
        Assert.Equal(Convert.ToBase64String(new byte[] { 0x03, 0xe8 }), token.GetProperty("ticket_params").GetProperty("face_value").GetString());
        Assert.StartsWith("http://127.0.0.1:", token.GetProperty("service_addr").GetString(), StringComparison.Ordinal);

        using var bad = new HttpRequestMessage(HttpMethod.Get, "process/token");
        bad.Headers.TryAddWithoutValidation("Livepeer-Eth-Address", "%%%");
        using var refused = await server.Client.SendAsync(bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }
}
