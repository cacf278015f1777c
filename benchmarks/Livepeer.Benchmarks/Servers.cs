using System.Net;
using System.Security.Cryptography.X509Certificates;
using Livepeer.Host.Configuration;
using Livepeer.Host.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Livepeer.Benchmarks;

/// <summary>The servers the benchmarks talk to, all on 127.0.0.1:0.</summary>
internal static class Servers
{
    public static string TempDir() => Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "lp-bench-" + Guid.NewGuid().ToString("N"))).FullName;

    /// <summary>A real orchestrator node (TLS service port, the project's gRPC layer and GetOrchestrator).</summary>
    public static async Task<WebApplication> StartOrchestratorAsync(string dir)
    {
        var app = NodeApplication.Create(CommandLine.Parse(["-orchestrator", "-serviceAddr", "127.0.0.1:0", "-cliAddr", "127.0.0.1:0", "-datadir", Path.Combine(dir, "data"), "-pluginsDir", Path.Combine(dir, "plugins"), "-v", "1", "-maxSessions", "1000000"]));
        await app.StartAsync();
        return app;
    }

    /// <summary>A Kestrel app with <paramref name="listeners"/> TLS HTTP/2 endpoints and whatever routes <paramref name="map"/> adds.</summary>
    public static async Task<(WebApplication App, IReadOnlyList<Uri> Uris)> StartAsync(int listeners, X509Certificate2 certificate, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            for (var i = 0; i < listeners; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.Protocols = HttpProtocols.Http1AndHttp2;
                    listen.UseHttps(certificate);
                });
            }
        });
        var app = builder.Build();
        map(app);
        await app.StartAsync();
        var uris = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri($"https://127.0.0.1:{new Uri(a).Port}"))
            .ToList();
        return (app, uris);
    }

    public static X509Certificate2 Certificate(string dir) => ServiceCertificate.Create("127.0.0.1", dir, TimeProvider.System);

    /// <summary>An HTTP/2 client that keeps to one connection per server (no extra connections when streams run out).</summary>
    public static HttpClient SingleConnectionClient() => new(new SocketsHttpHandler
    {
        EnableMultipleHttp2Connections = false,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
