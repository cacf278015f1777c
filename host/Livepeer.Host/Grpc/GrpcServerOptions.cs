namespace Livepeer.Host.Grpc;

/// <summary>Limits of the node's gRPC server.</summary>
internal sealed record GrpcServerOptions
{
    /// <summary>Largest request message accepted (gRPC's default, 4 MiB).</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxReceiveMessageSize;
}
