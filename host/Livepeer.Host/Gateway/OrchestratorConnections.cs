using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;

namespace Livepeer.Host.Gateway;

/// <summary>The gateway's one HTTP/2 client for orchestrators (connections pooled per orchestrator), and the gRPC client on it.</summary>
internal sealed class OrchestratorConnections : IDisposable
{
    private readonly HttpClient _http = GrpcClient.CreateHttpClient();

    public OrchestratorConnections() => Client = new OrchestratorClient(new GrpcClient(_http));

    public OrchestratorClient Client { get; }

    public void Dispose() => _http.Dispose();
}
