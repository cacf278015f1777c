namespace Livepeer.Abstractions.Orchestrators;

/// <summary>An orchestrator a discovery source knows about, before it has been asked for its info.</summary>
public sealed record OrchestratorCandidate
{
    /// <summary>Creates a candidate.</summary>
    /// <exception cref="ArgumentException">The URI is not absolute http(s).</exception>
    public OrchestratorCandidate(Uri serviceUri)
    {
        ArgumentNullException.ThrowIfNull(serviceUri);
        if (!serviceUri.IsAbsoluteUri || (serviceUri.Scheme != Uri.UriSchemeHttps && serviceUri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"'{serviceUri}' is not an absolute http(s) URI.", nameof(serviceUri));
        }

        ServiceUri = serviceUri;
    }

    /// <summary>Score given to operator-configured orchestrators (<c>-orchAddr</c>).</summary>
    public const double Trusted = 1.0;

    /// <summary>Score given to orchestrators found elsewhere.</summary>
    public const double Untrusted = 0.0;

    /// <summary>The orchestrator's service URI, e.g. <c>https://o.example:8935</c>.</summary>
    public Uri ServiceUri { get; }

    /// <summary>Trust score as upstream uses it: 1.0 trusted, 0.0 untrusted.</summary>
    public double Score { get; init; } = Trusted;

    /// <summary>The orchestrator's address when the source knows it.</summary>
    public EthAddress? Address { get; init; }
}
