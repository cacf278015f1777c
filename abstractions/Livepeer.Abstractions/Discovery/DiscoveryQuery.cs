using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Discovery;

/// <summary>What a gateway asks discovery for.</summary>
/// <param name="MaxCandidates">The most candidates wanted; sources may return fewer.</param>
public sealed record DiscoveryQuery(int MaxCandidates)
{
    /// <summary>The capabilities the work needs; sources that know capabilities may filter by them.</summary>
    public NodeCapabilities? RequiredCapabilities { get; init; }
}
