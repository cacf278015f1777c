namespace Livepeer.Host.Grpc;

/// <summary>A call ended with a non-OK gRPC status; thrown by handlers to answer with it, and by the client on receipt.</summary>
internal sealed class GrpcException(GrpcStatusCode status, string message) : Exception(message)
{
    public GrpcStatusCode Status { get; } = status;

    public override string ToString() => $"gRPC {Status} ({(int)Status}): {Message}";
}
