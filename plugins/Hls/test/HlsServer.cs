using System.Net;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Media;
using Livepeer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Hls.Tests;

/// <summary>The plugin on a real Kestrel (<see cref="GatewayPluginHost"/>), with a hub that tells its observers.</summary>
internal sealed class HlsServer : IAsyncDisposable
{
    private readonly GatewayPluginHost _host;

    private HlsServer(GatewayPluginHost host, ObservedHub hub)
    {
        _host = host;
        Hub = hub;
    }

    public Uri BaseUri => _host.BaseUri;

    public HttpClient Client => _host.Client;

    public ObservedHub Hub { get; }

    public IEgress Egress => _host.Services.GetRequiredService<IEgress>();

    public static async Task<HlsServer> StartAsync(Dictionary<string, string?>? settings = null, TimeProvider? time = null)
    {
        var hub = new ObservedHub();
        var host = await GatewayPluginHost.StartAsync(
            new HlsPlugin(),
            new PluginManifest("Hls", "1.0.0", "Livepeer.Plugins.Hls.dll", "1.0"),
            settings,
            services => services.AddSingleton<IMediaStreamHub>(hub).AddSingleton(time ?? TimeProvider.System),
            beforeStart: provider => hub.Observe(provider.GetServices<IStreamObserver>()));
        return new HlsServer(host, hub);
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

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
