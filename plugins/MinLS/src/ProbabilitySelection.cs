using Livepeer.Abstractions;

namespace Livepeer.Plugins.MinLS;

/// <summary>
/// go-livepeer's <c>ProbabilitySelectionAlgorithm</c> (§6.4): each orchestrator's chance is
/// <c>PriceWeight·priceShare + StakeWeight·stakeShare + RandWeight/n</c>, with
/// <c>priceShare ∝ exp(−price / PriceExpFactor)</c> and <c>stakeShare ∝ stake</c>; one draw picks by cumulative sum.
/// </summary>
/// <remarks>
/// Decisions: when every stake (or every price term) is zero, upstream gives each orchestrator a share of 1.0
/// and lets Go's random map order decide; a share of <c>1/n</c> is that intent made deterministic, and keeps
/// the probabilities summing to 1. The order of the cumulative sum is the order given (discovery order)
/// rather than Go's random map order. The performance and max-price filters are not applied here: there
/// are no performance scores yet, and the session pool has already removed orchestrators over the price limit.
/// </remarks>
internal sealed class ProbabilitySelection(MinLSOptions options)
{
    /// <summary>The chance of each orchestrator, in the order given; sums to 1 for a non-empty list.</summary>
    public double[] Probabilities(IReadOnlyList<WeightedOrchestrator> orchestrators)
    {
        ArgumentNullException.ThrowIfNull(orchestrators);
        var n = orchestrators.Count;
        var probabilities = new double[n];
        if (n == 0)
        {
            return probabilities;
        }

        var priceTerms = new double[n];
        double priceSum = 0, stakeSum = 0;
        for (var i = 0; i < n; i++)
        {
            priceTerms[i] = Math.Exp(-Math.Max(0, orchestrators[i].PricePerUnit) / options.PriceExpFactor);
            priceSum += priceTerms[i];
            stakeSum += Math.Max(0, orchestrators[i].Stake);
        }

        var uniform = 1.0 / n;
        for (var i = 0; i < n; i++)
        {
            var priceShare = priceSum > 0 ? priceTerms[i] / priceSum : uniform;
            var stakeShare = stakeSum > 0 ? Math.Max(0, orchestrators[i].Stake) / stakeSum : uniform;
            probabilities[i] = (options.PriceWeight * priceShare) + (options.StakeWeight * stakeShare) + (options.RandWeight * uniform);
        }

        return probabilities;
    }

    /// <summary>Draws one orchestrator; returns its index, or -1 for an empty list. Uses exactly one draw from <paramref name="random"/>.</summary>
    public int Select(IReadOnlyList<WeightedOrchestrator> orchestrators, IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var probabilities = Probabilities(orchestrators);
        if (probabilities.Length == 0)
        {
            return -1;
        }

        var draw = random.NextDouble();
        var cumulative = 0.0;
        var lastPossible = 0;
        for (var i = 0; i < probabilities.Length; i++)
        {
            if (probabilities[i] <= 0)
            {
                continue;
            }

            lastPossible = i;
            cumulative += probabilities[i];
            if (draw < cumulative)
            {
                return i;
            }
        }

        // Rounding can leave the sum a hair under 1 (and the weights may sum to 1 − 0.0001): the tail takes it.
        return lastPossible;
    }
}
