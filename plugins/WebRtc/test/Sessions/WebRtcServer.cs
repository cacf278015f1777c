using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.WebRtc.Sessions;
using Livepeer.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>The plugin on a real Kestrel (<see cref="GatewayPluginHost"/>) with an observed hub and a given stack.</summary>
internal sealed class WebRtcServer : IAsyncDisposable
{
    private readonly GatewayPluginHost _host;

    private WebRtcServer(GatewayPluginHost host, ObservedHub hub)
    {
        _host = host;
        Hub = hub;
    }

    public Uri BaseUri => _host.BaseUri;

    public HttpClient Client => _host.Client;

    public ObservedHub Hub { get; }

    public WebRtcSessions Sessions => _host.Services.GetRequiredService<WebRtcSessions>();

    public IServiceProvider Services => _host.Services;

    /// <summary>Starts the plugin; <paramref name="stack"/> null registers none (then the real one, once the plugin registers it).</summary>
    public static async Task<WebRtcServer> StartAsync(IWebRtcStack? stack, Dictionary<string, string?>? settings = null)
    {
        var hub = new ObservedHub();
        var host = await GatewayPluginHost.StartAsync(
            new WebRtcPlugin(),
            new PluginManifest("WebRtc", "1.0.0", "Livepeer.Plugins.WebRtc.dll", "1.0"),
            settings,
            services =>
            {
                services.AddSingleton<IMediaStreamHub>(hub);
                if (stack is not null)
                {
                    services.AddSingleton(stack);
                }
            },
            beforeStart: provider => hub.Observe(provider.GetServices<IStreamObserver>()));
        return new WebRtcServer(host, hub);
    }

    /// <summary>Waits for a condition (sessions work in the background), at most 10 s.</summary>
    public static async Task EventuallyAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"timed out waiting for {what}");
            await Task.Delay(20);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Sessions.DisposeAsync();
        await _host.DisposeAsync();
    }
}
