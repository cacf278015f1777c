using System.Net;
using System.Text;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Payments;
using Livepeer.Plugins.Byoc.Orchestrator;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Livepeer.Plugins.Trickle;
using Livepeer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Byoc.Tests.Gateway;

/// <summary>
/// A real orchestrator for the gateway tests: Kestrel on 127.0.0.1:0 (plain HTTP) with this plugin's orchestrator side
/// and the shipped Trickle plugin (real channel URLs on the node's address), signatures checked by the shared
/// <see cref="FakeVerifier"/>, optionally metered by a <see cref="TestLedger"/>.
/// </summary>
internal sealed class OrchestratorNode : IAsyncDisposable
{
    private readonly GatewayPluginHost _host;

    private OrchestratorNode(GatewayPluginHost host)
    {
        _host = host;
        Url = new Uri(host.BaseUri.ToString().TrimEnd('/'));
    }

    /// <summary>The service URI (no trailing slash), as discovery would name it.</summary>
    public Uri Url { get; }

    public HttpClient Client => _host.Client;

    public StreamTable Streams => _host.Services.GetRequiredService<StreamTable>();

    public ISegmentChannels Channels => _host.Services.GetRequiredService<ISegmentChannels>();

    public TestLedger? Ledger => _host.Services.GetService<TestLedger>();

    /// <summary>Starts one; <paramref name="tokenDelay"/> holds every <c>GET /process/token</c> answer back that long, so a test can order the tokens a gateway collects.</summary>
    public static async Task<OrchestratorNode> StartAsync(FakeVerifier verifier, bool metered = false, TimeSpan tokenDelay = default)
    {
        var host = await GatewayPluginHost.StartAsync(
            [
                new HostedPlugin(new TricklePlugin(), Manifest("Trickle")),
                new HostedPlugin(new ByocPlugin(), Manifest("Byoc"), new Dictionary<string, string?> { ["MonitorInterval"] = "200ms" }),
            ],
            NodeRoles.Orchestrator,
            NodeListener.Service,
            services =>
            {
                services.AddSingleton<ISignatureVerifier>(verifier);
                if (tokenDelay > TimeSpan.Zero)
                {
                    services.AddSingleton<IStartupFilter>(new TokenDelay(tokenDelay));
                }

                services.AddSingleton(new NodeSettings(NodeRoles.Orchestrator, "offchain", Path.GetTempPath()) { OrchestratorSecret = ByocTestServer.Secret, PaymentScheme = metered ? "test" : "none" });
                if (metered)
                {
                    var ledger = new TestLedger();
                    services.AddSingleton(ledger);
                    services.AddSingleton<IPaymentReceiver>(ledger);
                    services.AddSingleton<IPaymentCodec>(ledger);
                }
            });
        return new OrchestratorNode(host);
    }

    /// <summary>Registers an external worker as a capability (the public registration API).</summary>
    public async Task RegisterAsync(Uri worker, string name, int capacity = 4, long price = 0)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "capability/register")
        {
            Content = new StringContent($$"""{"name":"{{name}}","url":"{{worker}}","capacity":{{capacity}},"price_per_unit":{{price}},"price_scaling":1}""", Encoding.UTF8),
        };
        request.Headers.TryAddWithoutValidation("Authorization", ByocTestServer.Secret);
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private static PluginManifest Manifest(string id) => new(id, "1.0.0", $"Livepeer.Plugins.{id}.dll", "1.0");

    private sealed class TokenDelay(TimeSpan delay) : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, proceed) =>
            {
                if (context.Request.Path.StartsWithSegments("/process/token", StringComparison.Ordinal))
                {
                    await Task.Delay(delay, context.RequestAborted);
                }

                await proceed(context);
            });
            next(app);
        };
    }
}
