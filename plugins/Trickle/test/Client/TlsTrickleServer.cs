using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Hosting;
using Livepeer.Plugins.Trickle.Client;
using Livepeer.Plugins.Trickle.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Trickle.Tests.Client;

/// <summary>
/// A real Kestrel on 127.0.0.1:0 over TLS (a self-signed certificate) with HTTP/1.1 and HTTP/2, running the
/// plugin as the host maps it, with an optional interceptor in front of the trickle routes for failure
/// injection. The node's service address is this listener, so the plugin's clients take the fast path for it.
/// </summary>
internal sealed class TlsTrickleServer : IAsyncDisposable
{
    private static readonly Lazy<X509Certificate2> SharedCertificate = new(CreateCertificate);
    private readonly WebApplication _app;
    private readonly NodeAddresses _addresses;

    private TlsTrickleServer(WebApplication app, NodeAddresses addresses)
    {
        _app = app;
        _addresses = addresses;
    }

    public static X509Certificate2 Certificate => SharedCertificate.Value;

    public Uri BaseUri => _addresses.Service!;

    public ChannelRegistry Registry => _app.Services.GetRequiredService<ChannelRegistry>();

    public ISegmentChannels Channels => _app.Services.GetRequiredService<ISegmentChannels>();

    /// <summary>The plugin's own clients (fast path for this server's URLs).</summary>
    public TrickleChannelClients LocalClients => (TrickleChannelClients)_app.Services.GetRequiredService<ISegmentChannelClients>();

    /// <summary>Every request seen, as "METHOD path protocol".</summary>
    public List<string> Requests { get; } = [];

    public static async Task<TlsTrickleServer> StartAsync(Func<HttpContext, RequestDelegate, Task>? intercept = null, Dictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            listen.Protocols = HttpProtocols.Http1AndHttp2;
            listen.UseHttps(Certificate);
        }));
        var addresses = new NodeAddresses();
        builder.Services.AddSingleton<INodeAddresses>(addresses);
        var manifest = new PluginManifest("Trickle", "1.0.0", "Livepeer.Plugins.Trickle.dll", "1.0");
        new TricklePlugin().Register(builder.Services, new PluginContext(manifest, new InMemoryConfiguration(settings ?? []), AppContext.BaseDirectory, NodeRoles.Orchestrator));
        var app = builder.Build();
        var server = new TlsTrickleServer(app, addresses);
        app.Use(async (context, next) =>
        {
            lock (server.Requests)
            {
                server.Requests.Add($"{context.Request.Method} {context.Request.Path} {context.Request.Protocol}");
            }

            if (intercept is null)
            {
                await next(context);
            }
            else
            {
                await intercept(context, next);
            }
        });
        app.UseRouting();
        app.UseEndpoints(endpoints =>
        {
            foreach (var contributor in app.Services.GetServices<IEndpointContributor>().Where(c => c.Listener == NodeListener.Service))
            {
                contributor.MapEndpoints(endpoints);
            }
        });
        await app.StartAsync();
        var port = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()).Port;
        addresses.Service = new Uri($"https://127.0.0.1:{port}/");
        return server;
    }

    public Uri Url(string channel) => new(BaseUri, "/ai/trickle/" + Uri.EscapeDataString(channel));

    public async Task<Uri> CreateAsync(string channel, string mime = "video/MP2T")
    {
        await Channels.CreateChannelAsync(channel, mime, CancellationToken.None);
        return Url(channel);
    }

    public int Count(string prefix)
    {
        lock (Requests)
        {
            return Requests.Count(r => r.StartsWith(prefix, StringComparison.Ordinal));
        }
    }

    /// <summary>HTTP-only clients (no fast path) with test-sized retry pauses.</summary>
    public static TrickleChannelClients HttpClients(TrickleClientOptions? options = null) =>
        new(options ?? FastOptions(), TimeProvider.System, NullLogger.Instance);

    public static TrickleClientOptions FastOptions(bool insecure = true) => new()
    {
        InsecureSkipVerify = insecure,
        SubscribeRetryPause = TimeSpan.FromMilliseconds(20),
        PublishRetryPause = TimeSpan.FromMilliseconds(20),
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var now = DateTimeOffset.UtcNow;
        using var created = request.CreateSelfSigned(now.AddDays(-1), now.AddDays(30));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }

    private sealed class NodeAddresses : INodeAddresses
    {
        public Uri? Service { get; set; }

        public Uri? GetBaseUri(NodeListener listener) => listener == NodeListener.Service ? Service : null;
    }
}
