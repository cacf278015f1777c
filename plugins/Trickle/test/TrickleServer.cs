using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Hosting;
using Livepeer.Plugins.Trickle.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>A real Kestrel on 127.0.0.1:0 (plain HTTP) running the plugin's registrations, as the host maps them.</summary>
internal sealed class TrickleServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TrickleServer(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public ChannelRegistry Registry => _app.Services.GetRequiredService<ChannelRegistry>();

    public ISegmentChannels Channels => _app.Services.GetRequiredService<ISegmentChannels>();

    public static async Task<TrickleServer> StartAsync(
        Dictionary<string, string?>? settings = null,
        TimeProvider? time = null,
        Action<IServiceCollection>? services = null,
        Action<KestrelServerOptions>? kestrel = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            kestrel?.Invoke(k);
        });
        if (time is not null)
        {
            builder.Services.AddSingleton(time);
        }

        services?.Invoke(builder.Services);
        var manifest = new PluginManifest("Trickle", "1.0.0", "Livepeer.Plugins.Trickle.dll", "1.0");
        var configuration = new InMemoryConfiguration(settings ?? []);
        new TricklePlugin().Register(builder.Services, new PluginContext(manifest, configuration, AppContext.BaseDirectory, NodeRoles.Orchestrator));

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
        return new TrickleServer(app, new Uri(address + "/"));
    }

    public static string Path(string channel, string? rest = null) => "/ai/trickle/" + channel + (rest is null ? "" : "/" + rest);

    public async Task CreateAsync(string channel, string mime = "video/MP2T") =>
        await Channels.CreateChannelAsync(channel, mime, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
