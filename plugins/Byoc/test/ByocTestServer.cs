using System.Net;
using System.Text;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Payments;
using Livepeer.Plugins.Byoc.Orchestrator;
using Livepeer.Plugins.Byoc.Registry;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Tests;

/// <summary>Kestrel on 127.0.0.1:0 running the Byoc plugin as the host maps it, on counting in-memory channels, a manual clock and test fakes.</summary>
internal sealed class ByocTestServer : IAsyncDisposable
{
    public const string Secret = "s3cret";

    private readonly WebApplication _app;

    private ByocTestServer(WebApplication app, Uri baseUri, ManualTimeProvider clock)
    {
        _app = app;
        Clock = clock;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public ManualTimeProvider Clock { get; }

    public CountingChannels Channels => (CountingChannels)_app.Services.GetRequiredService<ISegmentChannels>();

    public CapabilityRegistry Registry => _app.Services.GetRequiredService<CapabilityRegistry>();

    public StreamTable Streams => _app.Services.GetRequiredService<StreamTable>();

    public StreamMonitor Monitor => _app.Services.GetRequiredService<StreamMonitor>();

    public FakeVerifier Verifier => (FakeVerifier)_app.Services.GetRequiredService<ISignatureVerifier>();

    public TestLedger? Ledger => _app.Services.GetService<TestLedger>();

    public EchoCapability Echo => (EchoCapability)_app.Services.GetRequiredService<IByocCapability>();

    /// <summary>Capacity places currently taken, over every capability.</summary>
    public int Reserved => Registry.Snapshot().Sum(c => c.Counter.Load);

    public static async Task<ByocTestServer> StartAsync(Dictionary<string, string?>? settings = null, bool metered = false, int echoCapacity = 4, long echoPrice = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var time = new ManualTimeProvider();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.AddSingleton<ISegmentChannels, CountingChannels>();
        builder.Services.AddSingleton<ISignatureVerifier, FakeVerifier>();
        builder.Services.AddSingleton(new NodeSettings(NodeRoles.Orchestrator, "offchain", Path.GetTempPath()) { OrchestratorSecret = Secret, PaymentScheme = metered ? "test" : "none" });
        builder.Services.AddSingleton<IByocCapability>(sp => new EchoCapability(sp.GetRequiredService<ISegmentChannels>(), echoCapacity, echoPrice));
        if (metered)
        {
            var ledger = new TestLedger();
            builder.Services.AddSingleton(ledger);
            builder.Services.AddSingleton<IPaymentReceiver>(ledger);
            builder.Services.AddSingleton<IPaymentCodec>(ledger);
        }

        var manifest = new PluginManifest("Byoc", "1.0.0", "Livepeer.Plugins.Byoc.dll", "1.0");
        new ByocPlugin().Register(builder.Services, new PluginContext(manifest, new InMemoryConfiguration(settings ?? []), AppContext.BaseDirectory, NodeRoles.Orchestrator));
        var app = builder.Build();
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            foreach (var contributor in app.Services.GetServices<IEndpointContributor>().Where(c => c.Listener == NodeListener.Service))
            {
                contributor.MapEndpoints(endpoints);
            }
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new ByocTestServer(app, new Uri(address + "/"), time);
    }

    public static readonly EthAddress Sender = EthAddress.Parse("0x1111111111111111111111111111111111111111");

    /// <summary>A signed <c>Livepeer</c> header as the Python SDK builds it (V1 signature).</summary>
    public string Job(string capability, string id, string? parameters = null, int timeout = 15, EthAddress? sender = null, bool v0 = false)
    {
        var from = sender ?? Sender;
        var unsigned = new ByocJobHeader(id, $"{{\"stream_id\":\"{id}\"}}", parameters ?? """{"enable_video_ingress":false,"enable_video_egress":false,"enable_data_output":false}""", capability, from.ToString(), "", timeout);
        var message = v0 ? ByocJobSignature.V0Message(unsigned) : ByocJobSignature.V1Message(unsigned);
        return (unsigned with { Signature = Verifier.SignHashed(from, message) }).Encode();
    }

    public async Task<HttpResponseMessage> PostAsync(string path, string? job, string? body = null, string? payment = null, string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body ?? "", Encoding.UTF8, contentType) };
        if (job is not null)
        {
            request.Headers.TryAddWithoutValidation(ByocHeaders.Job, job);
        }

        if (payment is not null)
        {
            request.Headers.TryAddWithoutValidation(ByocHeaders.Payment, payment);
        }

        return await Client.SendAsync(request);
    }

    public async Task<HttpResponseMessage> RegisterAsync(Uri url, string name = "worker", int capacity = 2, string? token = null, string secret = Secret, long price = 0)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "capability/register")
        {
            Content = new StringContent($$"""{"name":"{{name}}","url":"{{url}}","capacity":{{capacity}},"price_per_unit":{{price}},"price_scaling":1{{(token is null ? "" : $",\"token\":\"{token}\"")}}}"""),
        };
        request.Headers.TryAddWithoutValidation("Authorization", secret);
        return await Client.SendAsync(request);
    }

    /// <summary>Nothing left behind: no stream, no channel, no reserved capacity.</summary>
    public void AssertNothingLeaks()
    {
        Assert.Equal(0, Streams.Count);
        Assert.True(Channels.Alive == 0, "channels left: " + string.Join(", ", Channels.Names));
        Assert.Equal(0, Reserved);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
