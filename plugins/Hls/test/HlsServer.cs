using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Hls.Tests;

/// <summary>A real Kestrel on 127.0.0.1:0 with the plugin's registrations on the gateway listener, and a hub that tells its observers.</summary>
internal sealed class HlsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private HlsServer(WebApplication app, Uri baseUri, ObservedHub hub)
    {
        _app = app;
        BaseUri = baseUri;
        Hub = hub;
        Client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public ObservedHub Hub { get; }

    public IEgress Egress => _app.Services.GetRequiredService<IEgress>();

    public static async Task<HlsServer> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var hub = new ObservedHub();
        var addresses = new TestAddresses();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<IMediaStreamHub>(hub);
        builder.Services.AddSingleton(time ?? TimeProvider.System);
        builder.Services.AddSingleton<INodeAddresses>(addresses);
        var manifest = new PluginManifest("Hls", "1.0.0", "Livepeer.Plugins.Hls.dll", "1.0");
        new HlsPlugin().Register(builder.Services, new PluginContext(manifest, new InMemoryConfiguration(settings ?? []), AppContext.BaseDirectory, NodeRoles.Gateway));

        var app = builder.Build();
        hub.Observe(app.Services.GetServices<IStreamObserver>());
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
        addresses.Gateway = new Uri(address, "/");
        return new HlsServer(app, addresses.Gateway, hub);
    }

    public async Task<string> GetStringAsync(string path)
    {
        using var response = await Client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.apple.mpegurl", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>Waits until a playlist satisfies <paramref name="condition"/> (segments reach HLS asynchronously).</summary>
    public async Task<string> WaitForPlaylistAsync(string path, Func<string, bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            using var response = await Client.GetAsync(path, timeout.Token);
            if (response.StatusCode == HttpStatusCode.OK && await response.Content.ReadAsStringAsync(timeout.Token) is var text && condition(text))
            {
                return text;
            }

            await Task.Delay(20, timeout.Token);
        }
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
