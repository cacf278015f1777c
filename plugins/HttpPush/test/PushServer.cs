using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.HttpPush.Tests;

/// <summary>A real Kestrel on 127.0.0.1:0 running the plugin's registrations on the gateway listener, as the host maps them.</summary>
internal sealed class PushServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PushServer(WebApplication app, Uri baseUri, IMediaStreamHub hub)
    {
        _app = app;
        BaseUri = baseUri;
        Hub = hub;
        Client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public IMediaStreamHub Hub { get; }

    public IIngest Ingest => _app.Services.GetRequiredService<IIngest>();

    public static async Task<PushServer> StartAsync(
        IMediaStreamHub? hub = null,
        Dictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        NodeSettings? node = null,
        string? advertisedHost = null)
    {
        hub ??= new InMemoryMediaStreamHub(subscriberBuffer: 4096);
        var addresses = new TestAddresses();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton(hub);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton(node ?? new NodeSettings(NodeRoles.Gateway, "offchain", AppContext.BaseDirectory));
        builder.Services.AddSingleton<IRandomSource>(new SeededRandomSource(7));
        builder.Services.AddSingleton<INodeAddresses>(addresses);
        var manifest = new PluginManifest("HttpPush", "1.0.0", "Livepeer.Plugins.HttpPush.dll", "1.0");
        new HttpPushPlugin().Register(builder.Services, new PluginContext(manifest, new InMemoryConfiguration(settings ?? []), AppContext.BaseDirectory, NodeRoles.Gateway));

        var app = builder.Build();
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            foreach (var contributor in app.Services.GetServices<IEndpointContributor>().Where(c => c.Listener == NodeListener.Gateway))
            {
                contributor.MapEndpoints(endpoints);
            }
        });
        await app.StartAsync();
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        addresses.Gateway = new Uri($"http://{advertisedHost ?? address.Host}:{address.Port}/");
        return new PushServer(app, new Uri(address, "/"), hub);
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

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private sealed class TestAddresses : INodeAddresses
    {
        public Uri? Gateway { get; set; }

        public Uri? GetBaseUri(NodeListener listener) => listener == NodeListener.Gateway ? Gateway : null;
    }
}
