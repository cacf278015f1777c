using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Testing;

/// <summary>
/// A real Kestrel on 127.0.0.1:0 running plugins' registrations with their routes on one listener (the gateway's
/// unless told otherwise), as the host maps them, and an <see cref="INodeAddresses"/> that reports the bound address.
/// </summary>
public sealed class GatewayPluginHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GatewayPluginHost(WebApplication app, Uri baseUri)
    {
        _app = app;
        BaseUri = baseUri;
        Client = new HttpClient { BaseAddress = baseUri, Timeout = TimeSpan.FromSeconds(20) };
    }

    public Uri BaseUri { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>
    /// Registers <paramref name="plugin"/> as the node would (its own settings, the gateway role), after the
    /// node services the test supplies in <paramref name="configureServices"/>; <paramref name="beforeStart"/>
    /// runs once the container is built. <paramref name="advertisedHost"/> replaces 127.0.0.1 in INodeAddresses.
    /// </summary>
    public static Task<GatewayPluginHost> StartAsync(
        ILivepeerPlugin plugin,
        PluginManifest manifest,
        IReadOnlyDictionary<string, string?>? settings,
        Action<IServiceCollection> configureServices,
        Action<IServiceProvider>? beforeStart = null,
        string? advertisedHost = null) =>
        StartAsync([new HostedPlugin(plugin, manifest, settings)], NodeRoles.Gateway, NodeListener.Gateway, configureServices, beforeStart, advertisedHost);

    /// <summary>
    /// Registers <paramref name="plugins"/> in order for <paramref name="roles"/> and serves their routes for
    /// <paramref name="listener"/> (plain HTTP); INodeAddresses reports the bound address for that listener.
    /// </summary>
    public static async Task<GatewayPluginHost> StartAsync(
        IReadOnlyList<HostedPlugin> plugins,
        NodeRoles roles,
        NodeListener listener,
        Action<IServiceCollection> configureServices,
        Action<IServiceProvider>? beforeStart = null,
        string? advertisedHost = null)
    {
        ArgumentNullException.ThrowIfNull(plugins);
        ArgumentNullException.ThrowIfNull(configureServices);
        var addresses = new BoundAddresses(listener);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Services.AddSingleton<INodeAddresses>(addresses);
        configureServices(builder.Services);
        foreach (var (plugin, manifest, settings) in plugins)
        {
            plugin.Register(builder.Services, new PluginContext(manifest, new InMemoryConfiguration(settings ?? new Dictionary<string, string?>()), AppContext.BaseDirectory, roles));
        }

        var app = builder.Build();
        beforeStart?.Invoke(app.Services);
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            foreach (var contributor in app.Services.GetServices<IEndpointContributor>().Where(c => c.Listener == listener))
            {
                contributor.MapEndpoints(endpoints);
            }
        });
        await app.StartAsync().ConfigureAwait(false);
        var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        addresses.Bound = new Uri($"http://{advertisedHost ?? address.Host}:{address.Port}/");
        return new GatewayPluginHost(app, new Uri(address, "/"));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private sealed class BoundAddresses(NodeListener served) : INodeAddresses
    {
        public Uri? Bound { get; set; }

        public Uri? GetBaseUri(NodeListener listener) => listener == served ? Bound : null;
    }
}

/// <summary>A plugin to register in a <see cref="GatewayPluginHost"/>, with its manifest and its own settings.</summary>
public sealed record HostedPlugin(ILivepeerPlugin Plugin, PluginManifest Manifest, IReadOnlyDictionary<string, string?>? Settings = null);
