using Livepeer.Abstractions;

namespace Livepeer.Plugins.MinLS;

/// <summary>
/// Where the policy learns an orchestrator's stake (upstream's <c>stakeReader</c>, backed by the node database
/// on chain). No source exists yet, so the plugin registers none and unknown sessions are tried in discovery
/// order, as upstream does off chain; the seam lets the stake-weighted path be built and tested now.
/// </summary>
internal interface IStakeReader
{
    /// <summary>The orchestrator's total stake (any fixed unit; only ratios matter), or <c>null</c> when unknown.</summary>
    Rational? GetStake(EthAddress orchestrator);
}
