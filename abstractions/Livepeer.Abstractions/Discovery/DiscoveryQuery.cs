using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Discovery;

/// <summary>What a gateway asks discovery for.</summary>
public sealed record DiscoveryQuery
{
    /// <summary>Creates a query.</summary>
    /// <param name="maxCandidates">The most candidates wanted (at least 1); sources may return fewer.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxCandidates"/> is less than 1.</exception>
    public DiscoveryQuery(int maxCandidates)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxCandidates, 1);
        MaxCandidates = maxCandidates;
    }

    /// <summary>The most candidates wanted; sources may return fewer.</summary>
    public int MaxCandidates { get; }

    /// <summary>The capabilities the work needs; sources that know capabilities may filter by them.</summary>
    public NodeCapabilities? RequiredCapabilities { get; init; }
}
