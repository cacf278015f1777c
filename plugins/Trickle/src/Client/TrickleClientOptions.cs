using System.Net;

namespace Livepeer.Plugins.Trickle.Client;

/// <summary>
/// How the HTTP trickle clients connect and retry. Defaults follow go-livepeer's <c>trickle_publisher.go</c> /
/// <c>trickle_subscriber.go</c> and the gateway constants (go-livepeer-protocols §1.9, §2.7, §2.8).
/// </summary>
public sealed record TrickleClientOptions
{
    /// <summary>Accept any server certificate (upstream <c>InsecureSkipVerify</c>; go-livepeer nodes set it). Off by default here, as upstream's client config.</summary>
    public bool InsecureSkipVerify { get; init; }

    /// <summary>When set, accept exactly the server certificate with this SHA-256 hash (hex, any case), whatever its chain.</summary>
    public string? PinnedCertificateSha256 { get; init; }

    /// <summary>The HTTP version asked for; HTTP/2 by default, negotiated down to HTTP/1.1 (always 1.1 on http:// URLs).</summary>
    public Version HttpVersion { get; init; } = HttpVersion20;

    /// <summary>TCP + TLS connect timeout.</summary>
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a short request (<c>/next</c>, DELETE) may take.</summary>
    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>A subscriber re-issues a GET whose headers have not arrived in this time (upstream <c>preconnectRefreshTimeout</c>, 20 s).</summary>
    public TimeSpan PreconnectRefresh { get; init; } = TimeSpan.FromSeconds(20);

    /// <summary>Consecutive failed subscribe attempts before the subscription fails (upstream <c>maxRetries</c> 5).</summary>
    public int SubscribeMaxRetries { get; init; } = 5;

    /// <summary>Pause between subscribe attempts (upstream <c>retryPause</c> 300 ms; 470 behind the edge retries after this too).</summary>
    public TimeSpan SubscribeRetryPause { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>Pause before the one retry of a publish refused before its first byte (upstream 250 ms).</summary>
    public TimeSpan PublishRetryPause { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Consecutive failed segments after which a publisher gives up (upstream 3).</summary>
    public int MaxConsecutivePublishFailures { get; init; } = 3;

    /// <summary>Idle pooled connections are closed after this (upstream <c>IdleConnTimeout</c> 1 min).</summary>
    public TimeSpan PooledConnectionIdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    private static Version HttpVersion20 => System.Net.HttpVersion.Version20;
}
