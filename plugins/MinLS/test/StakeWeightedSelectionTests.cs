using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Selection;
using static Livepeer.Plugins.MinLS.Tests.SessionPools;

namespace Livepeer.Plugins.MinLS.Tests;

/// <summary>
/// Unknown sessions chosen by stake, price and chance when stakes are known (upstream's
/// <c>TestMinLSSelector_SelectUnknownSession</c> and <c>TestSelectByProbability</c>).
/// </summary>
public sealed class StakeWeightedSelectionTests
{
    // Default weights 0.7 stake / 0 price / 0.3 random over stakes 10:30:60 → 0.17, 0.31, 0.52.
    private static readonly double[] Expected = [0.17, 0.31, 0.52];

    private static FakeStakeReader Stakes() => new(new Dictionary<EthAddress, long> { [Address(1)] = 10, [Address(2)] = 30, [Address(3)] = 60 });

    [Theory]
    [InlineData(0.0, 0)]
    [InlineData(0.1699, 0)]
    [InlineData(0.1701, 1)]
    [InlineData(0.4799, 1)]
    [InlineData(0.4801, 2)]
    [InlineData(0.9999999, 2)]
    public void OneDrawPicksByCumulativeProbability(double draw, int expected)
    {
        var random = new ScriptedRandomSource(draw);
        var policy = new MinLSSelectionPolicy(MinLSOptions.Default, random, Stakes());
        var pool = Create(policy, Info(1, withAddress: true), Info(2, withAddress: true), Info(3, withAddress: true));

        Assert.Same(pool[expected], pool.Select());
        Assert.Equal(1, random.Draws);
    }

    [Fact]
    public void DistributionFollowsStakeAndRandomWeights()
    {
        const int draws = 200_000;
        var policy = new MinLSSelectionPolicy(MinLSOptions.Default, new SeededRandomSource(20240101), Stakes());
        var pool = Create(policy, Info(1, withAddress: true), Info(2, withAddress: true), Info(3, withAddress: true));
        var sessions = pool.Sessions;
        var counts = new int[3];

        for (var i = 0; i < draws; i++)
        {
            var chosen = policy.Select(sessions, SelectionContext.Unconstrained)!;
            counts[(int)chosen.Order]++;
        }

        for (var i = 0; i < 3; i++)
        {
            Assert.InRange(counts[i] / (double)draws, Expected[i] - 0.005, Expected[i] + 0.005);
        }
    }

    [Fact]
    public void WithoutAnyStakeTheChoiceIsUniform()
    {
        const int draws = 90_000;
        var policy = new MinLSSelectionPolicy(MinLSOptions.Default, new SeededRandomSource(7), new FakeStakeReader(_ => null));
        var pool = Create(policy, Info(1, withAddress: true), Info(2, withAddress: true), Info(3, withAddress: true));
        var counts = new int[3];

        for (var i = 0; i < draws; i++)
        {
            counts[(int)policy.Select(pool.Sessions, SelectionContext.Unconstrained)!.Order]++;
        }

        Assert.All(counts, c => Assert.InRange(c / (double)draws, 1 / 3.0 - 0.01, 1 / 3.0 + 0.01));
    }

    [Fact]
    public void PriceWeightFavoursTheCheaper()
    {
        var options = MinLSOptions.Default with { StakeWeight = 0, PriceWeight = 1, RandWeight = 0 };
        var policy = new MinLSSelectionPolicy(options, new SeededRandomSource(3), new FakeStakeReader(_ => 1));
        // exp(-0/100) = 1 and exp(-100/100) = e^-1: shares 1/(1+e^-1) ≈ 0.731 and ≈ 0.269.
        var pool = Create(policy, Info(1, price: 100, withAddress: true), Info(2, price: 0, withAddress: true));
        var cheap = 0;

        for (var i = 0; i < 100_000; i++)
        {
            cheap += policy.Select(pool.Sessions, SelectionContext.Unconstrained)!.Order == 1 ? 1 : 0;
        }

        Assert.InRange(cheap / 100_000.0, 0.731 - 0.01, 0.731 + 0.01);
    }

    [Fact]
    public void KnownGoodSessionIsReusedWithoutADraw()
    {
        var random = new ScriptedRandomSource(0.3);
        var pool = Create(new MinLSSelectionPolicy(MinLSOptions.Default, random, Stakes()), Info(1, withAddress: true), Info(2, withAddress: true), Info(3, withAddress: true));
        pool.Known(2, 0.4);

        Assert.Same(pool[2], pool.Select());
        Assert.Equal(0, random.Draws);
    }

    [Fact]
    public void SessionsWithoutAnAddressWaitForThoseWithOne()
    {
        var random = new ScriptedRandomSource(0.0);
        var pool = Create(new MinLSSelectionPolicy(MinLSOptions.Default, random, Stakes()), Info(1), Info(2, withAddress: true), Info(3));

        Assert.Same(pool[1], pool.Select());
        Assert.Same(pool[0], pool.Select()); // none with an address left idle: discovery order
        Assert.Same(pool[2], pool.Select());
        Assert.Equal(1, random.Draws);
    }

    [Fact]
    public void OneAddressAtSeveralUrisCountsOnceAndItsEarliestSessionIsTaken()
    {
        var random = new ScriptedRandomSource(0.0);
        var stakes = new FakeStakeReader(new Dictionary<EthAddress, long> { [Address(1)] = 1, [Address(2)] = 1 });
        var policy = new MinLSSelectionPolicy(MinLSOptions.Default with { StakeWeight = 1, RandWeight = 0 }, random, stakes);
        var pool = Create(
            policy,
            Info(5) with { Address = Address(2) },
            Info(6) with { Address = Address(2) },
            Info(7) with { Address = Address(1) });

        Assert.Same(pool[0], pool.Select());
        Assert.Same(pool[1], pool.Select()); // o5 now busy: o6 stands for address 2, still first in order
    }

    [Fact]
    public void TooExpensiveOrchestratorsNeverEnterTheDraw()
    {
        var policy = new MinLSSelectionPolicy(MinLSOptions.Default, new SeededRandomSource(11), Stakes());
        var pool = Create(policy, Info(1, price: 1, withAddress: true), Info(2, price: 50, withAddress: true), Info(3, price: 2, withAddress: true));
        var context = new SelectionContext { MaxPricePerUnit = 10 };

        for (var i = 0; i < 500; i++)
        {
            var chosen = pool.Select(context)!;
            Assert.NotEqual(Uri(2), chosen.Info.ServiceUri);
            Assert.True(pool.Pool.Remove(chosen));
            pool.Pool.Add([chosen.Info]); // back as a fresh unknown session
        }
    }
}
