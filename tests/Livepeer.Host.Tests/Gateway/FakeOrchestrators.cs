using System.Net;
using Google.Protobuf;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Gateway;

/// <summary>
/// Many stand-in orchestrators in one small Kestrel app: one h2c listener on 127.0.0.1:0 per orchestrator, and a
/// <c>GetOrchestrator</c> handler that behaves as the test says for each (answer, wait, fail, never answer).
/// </summary>
internal sealed class FakeOrchestrators : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Dictionary<int, int> _indexByPort;
    private int _calls;

    private FakeOrchestrators(WebApplication app, IReadOnlyList<Uri> uris)
    {
        _app = app;
        Uris = uris;
        _indexByPort = uris.Select((u, i) => (u.Port, i)).ToDictionary(p => p.Port, p => p.i);
    }

    public delegate Task<Net.OrchestratorInfo> Behaviour(int index, Uri self, Net.OrchestratorRequest request, CancellationToken cancellationToken);

    public IReadOnlyList<Uri> Uris { get; }

    public int Calls => Volatile.Read(ref _calls);

    /// <summary>An orchestrator that answers at once with its own URI as transcoder.</summary>
    public static Net.OrchestratorInfo Info(Uri self) => new() { Transcoder = self.ToString().TrimEnd('/') };

    public static async Task<FakeOrchestrators> StartAsync(int count, Behaviour behaviour, System.Security.Cryptography.X509Certificates.X509Certificate2? certificate = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            for (var i = 0; i < count; i++)
            {
                kestrel.Listen(IPAddress.Loopback, 0, listen =>
                {
                    listen.Protocols = HttpProtocols.Http2;
                    if (certificate is not null)
                    {
                        listen.UseHttps(certificate);
                    }
                });
            }
        });
        var app = builder.Build();
        FakeOrchestrators? self = null;
        app.MapGrpcUnary<Net.OrchestratorRequest, Net.OrchestratorInfo>(OrchestratorRpcService.GetOrchestratorPath, Net.OrchestratorRequest.Parser, (request, call) =>
        {
            Interlocked.Increment(ref self!._calls);
            var index = self._indexByPort[call.HttpContext.Connection.LocalPort];
            return behaviour(index, self.Uris[index], request, call.CancellationToken);
        });
        await app.StartAsync();
        var scheme = certificate is null ? "http" : "https";
        var uris = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Select(a => new Uri($"{scheme}://127.0.0.1:{new Uri(a).Port}"))
            .ToList();
        self = new FakeOrchestrators(app, uris);
        return self;
    }

    /// <summary>Waits until cancelled: an orchestrator that never answers.</summary>
    public static async Task<Net.OrchestratorInfo> NeverAsync(CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }

    public static ByteString Bytes(Livepeer.Abstractions.EthAddress address) => ByteString.CopyFrom(address.ToArray());

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
