using System.Text;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Payments;
using Livepeer.Plugins.Byoc.Gateway.Streams;
using Livepeer.Plugins.Byoc.Tests.Fakes;
using Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;
using Livepeer.Plugins.Trickle.Client;
using Livepeer.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Byoc.Tests.Gateway;

/// <summary>
/// A gateway for the tests: this plugin with the Gateway role on a real Kestrel (<see cref="GatewayPluginHost"/>), the
/// real trickle HTTP clients, a hub that tells observers, a fixed orchestrator directory, a manual clock for the
/// stream timers, and the gateway key signing through the <see cref="FakeVerifier"/> the orchestrators check with.
/// </summary>
internal sealed class GatewayNode : IAsyncDisposable
{
    public static readonly EthAddress Address = EthAddress.Parse("0x2222222222222222222222222222222222222222");

    private readonly GatewayPluginHost _host;
    private readonly TrickleChannelClients _clients;

    private GatewayNode(GatewayPluginHost host, TrickleChannelClients clients, ManualTimeProvider clock, ObservedHub hub, FakeDirectory directory, OutputRecorder outputs)
    {
        _host = host;
        _clients = clients;
        Clock = clock;
        Hub = hub;
        Directory = directory;
        Outputs = outputs;
    }

    public HttpClient Client => _host.Client;

    public Uri BaseUri => _host.BaseUri;

    public IServiceProvider Services => _host.Services;

    public ManualTimeProvider Clock { get; }

    public ObservedHub Hub { get; }

    public FakeDirectory Directory { get; }

    /// <summary>Every <c>{id}-out</c> the gateway publishes into its hub, as an egress sees it.</summary>
    public OutputRecorder Outputs { get; }

    /// <summary>What the gateway's streams hold open.</summary>
    public StreamCounters Counters => Services.GetRequiredService<StreamCounters>();

    public GatewayStreamTable Streams => Services.GetRequiredService<GatewayStreamTable>();

    public static async Task<GatewayNode> StartAsync(
        FakeVerifier verifier,
        IEnumerable<OrchestratorNode> orchestrators,
        Dictionary<string, string?>? settings = null,
        IPaymentSender? payments = null,
        IEgress? egress = null,
        IEnumerable<IIngest>? ingests = null)
    {
        // Token round trips get seconds, not upstream's 500 ms / 1 s, so a loaded CI machine does not turn them into 503s.
        var effective = new Dictionary<string, string?> { ["TokenTimeout"] = "5s", ["SearchTimeout"] = "8s" };
        foreach (var (key, value) in settings ?? [])
        {
            effective[key] = value;
        }

        var clock = new ManualTimeProvider();
        var hub = new ObservedHub();
        var directory = new FakeDirectory();
        var outputs = new OutputRecorder();
        directory.Orchestrators.AddRange(orchestrators.Select(o => o.Url));
        var clients = new TrickleChannelClients(new TrickleClientOptions(), TimeProvider.System, NullLogger.Instance);
        var host = await GatewayPluginHost.StartAsync(
            new ByocPlugin(),
            new PluginManifest("Byoc", "1.0.0", "Livepeer.Plugins.Byoc.dll", "1.0"),
            effective,
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton<IMediaStreamHub>(hub);
                services.AddSingleton<IOrchestratorDirectory>(directory);
                services.AddSingleton(verifier.Account(Address));
                services.AddSingleton<IRandomSource>(new SeededRandomSource(7));
                services.AddSingleton<ISegmentChannelClients>(clients);
                services.AddSingleton(new NodeSettings(NodeRoles.Gateway, "offchain", Path.GetTempPath()) { PaymentScheme = payments?.Name ?? "none" });
                if (payments is not null)
                {
                    services.AddSingleton(payments);
                    services.AddSingleton<IPaymentCodec>(new TestPaymentCodec());
                }

                if (egress is not null)
                {
                    services.AddSingleton(egress);
                }

                foreach (var ingest in ingests ?? [])
                {
                    services.AddSingleton(ingest);
                }
            },
            sp => hub.Observe([.. sp.GetServices<IStreamObserver>(), outputs]));
        return new GatewayNode(host, clients, clock, hub, directory, outputs);
    }

    /// <summary>The client's <c>Livepeer</c> header as the ad-astra webapp builds it (unsigned).</summary>
    public static string ClientHeader(string capability, string parameters = """{"enable_video_ingress":true,"enable_video_egress":true,"enable_data_output":true}""", string request = "{}", int timeout = 30, string id = "") =>
        new ByocJobHeader(id, request, parameters, capability, "", "", timeout).Encode();

    public async Task<HttpResponseMessage> PostAsync(string path, string? header, string body = "", string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, contentType) };
        if (header is not null)
        {
            request.Headers.TryAddWithoutValidation(ByocHeaders.Job, header);
        }

        return await Client.SendAsync(request);
    }

    /// <summary>Starts a stream; fails the test unless the gateway answers 200, and returns its URLs.</summary>
    public async Task<JsonElement> StartStreamAsync(string capability, string body = "{}", string parameters = """{"enable_video_ingress":true,"enable_video_egress":true,"enable_data_output":true}""")
    {
        using var response = await PostAsync("process/stream/start", ClientHeader(capability, parameters), body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"start answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>The stream's status JSON (200 expected).</summary>
    public async Task<JsonElement> StatusAsync(string streamId)
    {
        using var response = await Client.GetAsync($"process/stream/{streamId}/status");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"status answered {(int)response.StatusCode}: {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.Clone();
    }

    /// <summary>Publishes the stream's ingest into the hub, as the Rtmp plugin does for a publish to <c>rtmp_url</c>.</summary>
    public ValueTask<IStreamPublication> PublishIngestAsync(string streamId) => Hub.PublishAsync(new StreamDescriptor(streamId, "rtmp"), CancellationToken.None);

    /// <summary>Asserts that nothing the gateway's streams opened is still open (after they all ended).</summary>
    public async Task AssertNothingOpenAsync()
    {
        await Wait.UntilAsync(() => Enum.GetValues<StreamResource>().All(r => Counters[r] == 0), "every stream resource to be released: " + Counters.Snapshot().ToJsonString());
        Assert.Equal(0, Streams.Count);
        Assert.DoesNotContain(Hub.ActiveStreams, s => s.StreamId.EndsWith("-out", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _clients.Dispose();
    }
}
