namespace Livepeer.Abstractions;

/// <summary>The node's HTTP listeners.</summary>
public enum NodeListener
{
    /// <summary>The gateway's plain-HTTP port (<c>-httpAddr</c>): ingest, HLS, stream API.</summary>
    Gateway,

    /// <summary>The orchestrator's TLS service port (<c>-serviceAddr</c>): gRPC and the orchestrator's HTTP routes.</summary>
    Service,

    /// <summary>The CLI/admin API (<c>-cliAddr</c>).</summary>
    Cli,
}
