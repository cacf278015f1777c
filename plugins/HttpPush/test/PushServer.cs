using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Livepeer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.HttpPush.Tests;

/// <summary>The plugin on a real Kestrel (<see cref="GatewayPluginHost"/>), with curl-style pushes.</summary>
internal sealed class PushServer : IAsyncDisposable
{
    private readonly GatewayPluginHost _host;

    private PushServer(GatewayPluginHost host, IMediaStreamHub hub)
    {
        _host = host;
        Hub = hub;
    }

    public Uri BaseUri => _host.BaseUri;

    public HttpClient Client => _host.Client;

    public IMediaStreamHub Hub { get; }

    public IIngest Ingest => _host.Services.GetRequiredService<IIngest>();

    public static async Task<PushServer> StartAsync(
        IMediaStreamHub? hub = null,
        Dictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        NodeSettings? node = null,
        string? advertisedHost = null)
    {
        var theHub = hub ?? new InMemoryMediaStreamHub(subscriberBuffer: 4096);
        var host = await GatewayPluginHost.StartAsync(
            new HttpPushPlugin(),
            new PluginManifest("HttpPush", "1.0.0", "Livepeer.Plugins.HttpPush.dll", "1.0"),
            settings,
            services => services
                .AddSingleton(theHub)
                .AddSingleton(time ?? TimeProvider.System)
                .AddSingleton(node ?? new NodeSettings(NodeRoles.Gateway, "offchain", AppContext.BaseDirectory))
                .AddSingleton<IRandomSource>(new SeededRandomSource(7)),
            advertisedHost: advertisedHost);
        return new PushServer(host, theHub);
    }

    /// <summary>A curl-style push: <c>curl -X PUT --data-binary @seg.ts -H ... http://host/live/{id}/{seq}.ts</c>.</summary>
    public async Task<HttpResponseMessage> PushAsync(string path, byte[] body, string method = "PUT", IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new ByteArrayContent(body) };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        return await Client.SendAsync(request);
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
