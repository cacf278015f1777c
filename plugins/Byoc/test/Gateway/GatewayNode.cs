using System.Text;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Byoc;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Payments;
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

    private GatewayNode(GatewayPluginHost host, TrickleChannelClients clients, ManualTimeProvider clock, ObservedHub hub, FakeDirectory directory)
    {
        _host = host;
        _clients = clients;
        Clock = clock;
        Hub = hub;
        Directory = directory;
    }

    public HttpClient Client => _host.Client;

    public Uri BaseUri => _host.BaseUri;

    public IServiceProvider Services => _host.Services;

    public ManualTimeProvider Clock { get; }

    public ObservedHub Hub { get; }

    public FakeDirectory Directory { get; }

    public static async Task<GatewayNode> StartAsync(
        FakeVerifier verifier,
        IEnumerable<OrchestratorNode> orchestrators,
        Dictionary<string, string?>? settings = null,
        IPaymentSender? payments = null,
        IEgress? egress = null)
    {
        var clock = new ManualTimeProvider();
        var hub = new ObservedHub();
        var directory = new FakeDirectory();
        directory.Orchestrators.AddRange(orchestrators.Select(o => o.Url));
        var clients = new TrickleChannelClients(new TrickleClientOptions(), TimeProvider.System, NullLogger.Instance);
        var host = await GatewayPluginHost.StartAsync(
            new ByocPlugin(),
            new PluginManifest("Byoc", "1.0.0", "Livepeer.Plugins.Byoc.dll", "1.0"),
            settings,
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
            },
            sp => hub.Observe(sp.GetServices<IStreamObserver>()));
        return new GatewayNode(host, clients, clock, hub, directory);
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

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        _clients.Dispose();
    }
}
