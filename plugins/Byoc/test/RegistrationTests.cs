using System.Net;
using System.Text;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Plugins.Byoc.Registry;
using Livepeer.Plugins.Byoc.Tests.Fakes;

namespace Livepeer.Plugins.Byoc.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public async Task A_worker_registers_with_the_secret_is_offered_as_37_and_unregisters_with_its_plain_text_name()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var ok = await server.RegisterAsync(new Uri("http://127.0.0.1:5000"), "text-reversal", capacity: 3, price: 7);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal("ok", await ok.Content.ReadAsStringAsync());
        var offered = server.Registry.GetOfferedCapabilities();
        Assert.Contains(new OfferedCapability(Capability.Byoc, "text-reversal", 3, new Price(7, 1)), offered);
        Assert.Contains(offered, o => o.Constraint == "echo"); // the in-process one, added at start

        using var request = new HttpRequestMessage(HttpMethod.Post, "capability/unregister") { Content = new StringContent("text-reversal", Encoding.UTF8, "text/plain") };
        request.Headers.TryAddWithoutValidation("Authorization", ByocTestServer.Secret);
        using var gone = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, gone.StatusCode);
        Assert.DoesNotContain(server.Registry.GetOfferedCapabilities(), o => o.Constraint == "text-reversal");
    }

    [Fact]
    public async Task The_status_section_lists_in_process_and_registered_capabilities()
    {
        await using var server = await ByocTestServer.StartAsync();
        var section = new CapabilityStatusSection(server.Registry);
        Assert.Equal("capabilities", section.Name);
        Assert.Null(section.Snapshot()!["worker"]);

        using var ok = await server.RegisterAsync(new Uri("http://127.0.0.1:5000/api"), "worker", capacity: 3, price: 7);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var snapshot = section.Snapshot()!;
        Assert.Equal("external", (string?)snapshot["worker"]!["kind"]);
        Assert.Equal("http://127.0.0.1:5000/api", (string?)snapshot["worker"]!["url"]);
        Assert.Equal(3, (int)snapshot["worker"]!["capacity"]!);
        Assert.Equal(3, (int)snapshot["worker"]!["available"]!);
        Assert.Equal("7", (string?)snapshot["worker"]!["pricePerSecond"]);
        Assert.Equal("in-process", (string?)snapshot["echo"]!["kind"]);
        Assert.Null(snapshot["echo"]!["url"]);
    }

    [Theory]
    [InlineData("wrong")]
    [InlineData("")]
    [InlineData("s3cre")]
    [InlineData("Bearer s3cret")]
    public async Task A_wrong_secret_is_a_400_invalid_authorization_as_upstream_and_registers_nothing(string secret)
    {
        await using var server = await ByocTestServer.StartAsync();
        using var refused = await server.RegisterAsync(new Uri("http://127.0.0.1:5000"), "w", secret: secret);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("invalid authorization", (await refused.Content.ReadAsStringAsync()).Trim());
        Assert.Null(server.Registry.Find("w"));
    }

    [Fact]
    public async Task With_no_secret_configured_nobody_can_register()
    {
        await using var server = await ByocTestServer.StartAsync(new() { ["OrchSecret"] = "" });
        using var refused = await server.RegisterAsync(new Uri("http://127.0.0.1:5000"), "w", secret: "");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
    }

    [Fact]
    public async Task The_plugin_secret_overrides_the_node_secret()
    {
        await using var server = await ByocTestServer.StartAsync(new() { ["OrchSecret"] = "other" });
        using var old = await server.RegisterAsync(new Uri("http://127.0.0.1:5000"), "w");
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        using var ok = await server.RegisterAsync(new Uri("http://127.0.0.1:5000"), "w", secret: "other");
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
    }

    [Theory]
    [InlineData("""{"name":"a","url":"http://w:1","capacity":1,"price_per_unit":0,"price_scaling":1,"currency":"wei"}""", true)]
    [InlineData("""{"url":"http://w:8000/api","name":"a","description":"d","capacity":1,"price_per_unit":0,"price_scaling":1}""", true)] // pytrickle: no currency
    [InlineData("""{"name":"a","url":"http://w:1","price_per_unit":2,"price_scaling":0,"currency":"eth"}""", true)]
    [InlineData("""{"name":"a","url":"http://w:1","currency":"USD"}""", false)]
    [InlineData("""{"name":"","url":"http://w:1"}""", false)]
    [InlineData("""{"name":"a/b","url":"http://w:1"}""", false)]
    [InlineData("""{"name":"a","url":"ftp://w:1"}""", false)]
    [InlineData("""{"name":"a","url":"http://w:1","capacity":-1}""", false)]
    [InlineData("""{"name":"a","url":"http://w:1","capacity":"1"}""", false)]
    [InlineData("""{"name":"a","url":"http://w:1","price_per_unit":-5}""", false)]
    [InlineData("""{"name":"a","url":"http://w:1","price_per_unit":10,"currency":"eth"}""", false)] // 10^19 wei does not fit
    [InlineData("""[1]""", false)]
    [InlineData("""{"name":"a",""", false)]
    [InlineData("\u0000garbage", false)]
    public void Registration_bodies_are_validated(string body, bool valid)
    {
        if (valid)
        {
            var request = RegistrationRequest.Parse(body);
            Assert.Equal("a", request.Info.Name);
            Assert.True(request.Info.PricePerSecond.PixelsPerUnit > 0);
        }
        else
        {
            Assert.Throws<FormatException>(() => RegistrationRequest.Parse(body));
        }
    }

    [Fact]
    public void Eth_prices_are_wei_times_ten_to_the_eighteen_and_scaling_zero_means_one()
    {
        var request = RegistrationRequest.Parse("""{"name":"a","url":"http://w:1","price_per_unit":2,"price_scaling":0,"currency":"ETH"}""");
        Assert.Equal(new Price(2_000_000_000_000_000_000, 1), request.Info.PricePerSecond);
    }

    [Fact]
    public async Task A_bad_body_over_http_is_a_400_that_says_why()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "capability/register") { Content = new StringContent("""{"name":"a","url":"nope"}""") };
        request.Headers.TryAddWithoutValidation("Authorization", ByocTestServer.Secret);
        using var refused = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.StartsWith("Error registering capability: url", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_external_worker_cannot_take_the_name_of_an_in_process_capability()
    {
        await using var server = await ByocTestServer.StartAsync();
        using var refused = await server.RegisterAsync(new Uri("http://127.0.0.1:5000"), "echo");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.False(server.Registry.Find("echo")!.External);
    }

    [Fact]
    public async Task Registration_races_with_reservations_never_overcommit_and_every_place_comes_back()
    {
        var registry = new CapabilityRegistry();
        using var http = new Worker.WorkerHttp();
        var capacity = 3;
        var peak = 0;
        var inUse = 0;
        var tasks = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            for (var n = 0; n < 2000; n++)
            {
                if (i == 0 && n % 50 == 0)
                {
                    registry.Register(new Worker.ExternalWorkerCapability(new Abstractions.Byoc.ByocCapabilityInfo("w", capacity, Price.Free), new Uri("http://w:1"), null, http), external: true);
                    continue;
                }

                if (i == 1 && n % 97 == 0)
                {
                    registry.Unregister("w");
                    continue;
                }

                if (registry.Find("w")?.Counter.TryReserve() is { } lease)
                {
                    var now = Interlocked.Increment(ref inUse);
                    InterlockedMax(ref peak, now);
                    Interlocked.Decrement(ref inUse);
                    lease.Dispose();
                    lease.Dispose(); // twice is harmless
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(60));

        Assert.InRange(peak, 0, capacity);
        registry.Register(new Worker.ExternalWorkerCapability(new Abstractions.Byoc.ByocCapabilityInfo("w", capacity, Price.Free), new Uri("http://w:1"), null, http), external: true);
        Assert.Equal(0, registry.Find("w")!.Counter.Load);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }

    [Fact]
    public async Task Re_registering_keeps_the_load_of_running_work()
    {
        await using var worker = await FakeWorker.StartAsync();
        await using var server = await ByocTestServer.StartAsync();
        using var _ = await server.RegisterAsync(worker.Url, "w", capacity: 1);
        using var started = await server.PostAsync("ai/stream/start", server.Job("w", "keep1"), """{"stream_id":"keep1"}""");
        Assert.Equal(HttpStatusCode.OK, started.StatusCode);
        using var again = await server.RegisterAsync(worker.Url, "w", capacity: 1);
        using var second = await server.PostAsync("ai/stream/start", server.Job("w", "keep2"), "{}");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, second.StatusCode); // upstream resets the load and would accept it
    }
}
