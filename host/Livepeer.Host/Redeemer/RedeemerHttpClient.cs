using Livepeer.Host.Grpc;

namespace Livepeer.Host.Redeemer;

/// <summary>The HTTP/2 client the redeemer client uses (certificates not verified, as upstream's redeemer client).</summary>
internal sealed class RedeemerHttpClient : IDisposable
{
    public HttpClient Http { get; } = GrpcClient.CreateHttpClient();

    public void Dispose() => Http.Dispose();
}
