using static Livepeer.Plugins.MinLS.Tests.SessionPools;

namespace Livepeer.Plugins.MinLS.Tests;

/// <summary>§6.4's probabilities, after upstream's <c>TestCalculateProbabilities</c> and <c>TestSelectByProbability</c>.</summary>
public sealed class ProbabilitySelectionTests
{
    private static WeightedOrchestrator O(int i, double price, double stake) => new(Address(i), price, stake);

    [Fact]
    public void ProbabilitiesCombineTheThreeWeights()
    {
        var options = MinLSOptions.Default with { StakeWeight = 0.3, PriceWeight = 0.5, RandWeight = 0.2, PriceExpFactor = 100 };
        var p = new ProbabilitySelection(options).Probabilities([O(1, 0, 1), O(2, 100, 3)]);

        var cheap = 1 / (1 + Math.Exp(-1));
        Assert.Equal((0.5 * cheap) + (0.3 * 0.25) + (0.2 * 0.5), p[0], 12);
        Assert.Equal((0.5 * (1 - cheap)) + (0.3 * 0.75) + (0.2 * 0.5), p[1], 12);
    }

    [Theory]
    [InlineData(0.7, 0.0, 0.3)]
    [InlineData(0.0, 1.0, 0.0)]
    [InlineData(0.2, 0.3, 0.5)]
    [InlineData(1.0, 0.0, 0.0)]
    public void ProbabilitiesSumToOne(double stake, double price, double rand)
    {
        var options = MinLSOptions.Default with { StakeWeight = stake, PriceWeight = price, RandWeight = rand };
        var p = new ProbabilitySelection(options).Probabilities([O(1, 5, 0), O(2, 500, 7), O(3, 50_000, 1e24), O(4, 0, 0)]);

        Assert.Equal(1.0, p.Sum(), 9);
        Assert.All(p, x => Assert.InRange(x, 0, 1));
    }

    [Fact]
    public void AllStakesZeroGivesAUniformStakeShare()
    {
        var p = new ProbabilitySelection(MinLSOptions.Default).Probabilities([O(1, 0, 0), O(2, 0, 0), O(3, 0, 0), O(4, 0, 0)]);

        Assert.All(p, x => Assert.Equal(0.25, x, 12));
    }

    [Fact]
    public void HugePricesUnderflowToAUniformPriceShare()
    {
        var options = MinLSOptions.Default with { StakeWeight = 0, PriceWeight = 1, RandWeight = 0 };
        var p = new ProbabilitySelection(options).Probabilities([O(1, 1e9, 0), O(2, 2e9, 0)]);

        Assert.Equal([0.5, 0.5], p);
    }

    [Fact]
    public void EmptyListSelectsNothing() =>
        Assert.Equal(-1, new ProbabilitySelection(MinLSOptions.Default).Select([], new ScriptedRandomSource(0.5)));

    [Fact]
    public void ZeroChanceIsNeverChosenEvenAtTheTopOfTheRange()
    {
        var options = MinLSOptions.Default with { StakeWeight = 1, RandWeight = 0 };
        var selection = new ProbabilitySelection(options);

        Assert.Equal(0, selection.Select([O(1, 0, 5), O(2, 0, 0)], new ScriptedRandomSource(0.9999999999)));
    }

    [Fact]
    public void WeightsShortOfOneByTheToleranceStillAlwaysChoose()
    {
        var options = MinLSOptions.Default with { StakeWeight = 0.69995, RandWeight = 0.3 };

        Assert.Equal(1, new ProbabilitySelection(options).Select([O(1, 0, 1), O(2, 0, 1)], new ScriptedRandomSource(0.99999)));
    }
}
