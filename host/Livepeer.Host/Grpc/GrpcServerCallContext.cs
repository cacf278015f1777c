namespace Livepeer.Host.Grpc;

/// <summary>What a gRPC method handler knows about its call.</summary>
internal sealed class GrpcServerCallContext(HttpContext httpContext, CancellationToken cancellationToken, DateTimeOffset? deadline)
{
    public HttpContext HttpContext { get; } = httpContext;

    /// <summary>Cancelled when the client goes away or the deadline passes.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The client's deadline, when it sent <c>grpc-timeout</c>.</summary>
    public DateTimeOffset? Deadline { get; } = deadline;

    /// <summary>The peer's address, <c>ip:port</c>.</summary>
    public string Peer => $"{HttpContext.Connection.RemoteIpAddress}:{HttpContext.Connection.RemotePort}";
}
