using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Livepeer.EndToEnd.Tests;

/// <summary>The built host as a process: starts on free loopback ports, answers /status, stops cleanly.</summary>
public sealed class NodeLifecycleTests
{
    [Fact]
    public async Task Node_starts_reports_status_and_stops_cleanly_on_SIGTERM()
    {
        using var dir = new TemporaryDirectory();
        var node = await NodeProcess.StartAsync(dir.Combine("data"), dir.Combine("plugins"));
        await using (node)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            using var status = await http.GetFromJsonAsync<JsonDocument>(new Uri(node.Cli, "/status"));
            var root = status!.RootElement;
            Assert.Equal(["gateway", "orchestrator", "transcoder"], root.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal("offchain", root.GetProperty("network").GetString());
            Assert.Equal(JsonValueKind.Array, root.GetProperty("plugins").ValueKind);
            Assert.False(string.IsNullOrEmpty(root.GetProperty("version").GetString()));
            var listeners = root.GetProperty("listeners");
            Assert.Equal(node.Cli.ToString().TrimEnd('/'), listeners.GetProperty("cli").GetString());
            Assert.Equal(node.Http!.ToString().TrimEnd('/'), listeners.GetProperty("http").GetString());
            Assert.StartsWith("https://127.0.0.1:", listeners.GetProperty("service").GetString(), StringComparison.Ordinal);

            Assert.Equal("OK", await http.GetStringAsync(new Uri(node.Http, "/healthz")));
            Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(new Uri(node.Http, "/status"))).StatusCode);

            Assert.Equal(0, await node.StopAsync());
        }

        Assert.True(File.Exists(dir.Combine("data", "lpdb.sqlite3")), "the node database was not created in -datadir");
        Assert.True(File.Exists(dir.Combine("data", "cert.pem")), "the orchestrator certificate was not written to -datadir");
    }

    [Fact]
    public async Task Orchestrator_service_port_speaks_TLS_with_h2()
    {
        using var dir = new TemporaryDirectory();
        var node = await NodeProcess.StartAsync(dir.Combine("data"), dir.Combine("plugins"), ["-orchestrator"]);
        await using (node)
        {
            Assert.Null(node.Http);
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(10) };
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Service!, "/healthz"))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            };
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(HttpVersion.Version20, response.Version);
            using var status = await http.GetFromJsonAsync<JsonDocument>(new Uri(node.Cli, "/status"));
            Assert.Equal(["orchestrator"], status!.RootElement.GetProperty("roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Equal(0, await node.StopAsync());
        }
    }

    [Fact]
    public async Task Log_level_can_be_read_and_changed_at_run_time()
    {
        using var dir = new TemporaryDirectory();
        var node = await NodeProcess.StartAsync(dir.Combine("data"), dir.Combine("plugins"), ["-v", "2"]);
        await using (node)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
            Assert.Equal("2", await http.GetStringAsync(new Uri(node.Cli, "/getLogLevel")));
            using var set = await http.PostAsync(new Uri(node.Cli, "/setLogLevel"), new FormUrlEncodedContent([new("loglevel", "4")]));
            Assert.Equal(HttpStatusCode.OK, set.StatusCode);
            Assert.Equal("4", await http.GetStringAsync(new Uri(node.Cli, "/getLogLevel")));
            using var missing = await http.PostAsync(new Uri(node.Cli, "/setLogLevel"), new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Equal("missing form param: loglevel", await missing.Content.ReadAsStringAsync());
            using var garbage = await http.PostAsync(new Uri(node.Cli, "/setLogLevel"), new FormUrlEncodedContent([new("loglevel", "\u0000x99")]));
            Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
            Assert.Equal("4", await http.GetStringAsync(new Uri(node.Cli, "/getLogLevel")));
        }
    }

    [Fact]
    public async Task Bad_configuration_fails_with_every_error_in_one_message()
    {
        using var dir = new TemporaryDirectory();
        var (exitCode, _, error) = await NodeProcess.RunToExitAsync(
            ["-bogusFlag", "-maxSessions", "many", "-selector", "nonexistent", "-datadir", dir.Combine("data"), "-pluginsDir", dir.Combine("plugins")]);
        Assert.Equal(2, exitCode);
        Assert.Contains("Unknown flag -bogusFlag", error, StringComparison.Ordinal);
        Assert.Contains("-maxSessions takes an integer", error, StringComparison.Ordinal);
        Assert.Contains("unknown selector 'nonexistent'", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_flag_with_its_default()
    {
        var (exitCode, output, _) = await NodeProcess.RunToExitAsync(["-h"]);
        Assert.Equal(0, exitCode);
        foreach (var flag in new[] { "-gateway", "-broadcaster", "-orchestrator", "-transcoder", "-network", "-serviceAddr", "-httpAddr", "-cliAddr", "-rtmpAddr", "-orchAddr", "-orchSecret", "-pricePerUnit", "-pixelsPerUnit", "-maxSessions", "-datadir", "-orchWebhookUrl", "-authWebhookUrl", "-transcodingOptions", "-nvidia", "-v" })
        {
            Assert.Contains(flag, output, StringComparison.Ordinal);
        }

        Assert.Contains("default: 127.0.0.1:8935", output, StringComparison.Ordinal);
    }
}
