using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Selection;
using static Livepeer.Plugins.MinLS.Tests.SessionPools;

namespace Livepeer.Plugins.MinLS.Tests;

/// <summary>MinLS choices, after upstream's <c>TestMinLSSelector*</c> (server/selection_test.go).</summary>
public sealed class MinLSSelectionPolicyTests
{
    private static MinLSSelectionPolicy Policy(MinLSOptions? options = null) => new(options ?? MinLSOptions.Default, new ScriptedRandomSource(0.5));

    [Fact]
    public void NameIsMinls() => Assert.Equal("minls", Policy().Name);

    [Fact]
    public void UnknownSessionsAreTriedInDiscoveryOrder()
    {
        var random = new ScriptedRandomSource(0.99);
        var pool = Create(new MinLSSelectionPolicy(MinLSOptions.Default, random), Info(1), Info(2), Info(3));

        Assert.Same(pool[0], pool.Select());
        Assert.Same(pool[1], pool.Select());
        Assert.Same(pool[2], pool.Select());
        Assert.Equal(0, random.Draws); // off chain, FIFO uses no chance
    }

    [Fact]
    public void KnownSessionWithinThresholdIsReusedBeforeUnknownOnes()
    {
        var pool = Create(Policy(), Info(1), Info(2), Info(3));
        pool.Known(1, 0.5);

        Assert.Same(pool[1], pool.Select());
    }

    [Theory]
    [InlineData(0.0, true)]
    [InlineData(0.999, true)]
    [InlineData(1.0, true)] // upstream: reuse when score <= minLS
    [InlineData(1.0000001, false)]
    [InlineData(7.5, false)]
    public void ThresholdIsInclusive(double score, bool reused)
    {
        var pool = Create(Policy(), Info(1), Info(2));
        pool.Known(0, score);

        Assert.Same(reused ? pool[0] : pool[1], pool.Select());
    }

    [Fact]
    public void BestKnownOverThresholdIsChosenWhenNoUnknownRemain()
    {
        var pool = Create(Policy(), Info(1), Info(2), Info(3));
        pool.Known(0, 2.0);
        pool.Known(1, 1.5);
        pool.Known(2, 3.0);

        Assert.Same(pool[1], pool.Select());
    }

    [Fact]
    public void LowestKnownScoreWins()
    {
        var pool = Create(Policy(), Info(1), Info(2), Info(3));
        pool.Known(0, 0.8);
        pool.Known(1, 0.3);
        pool.Known(2, 0.5);

        Assert.Same(pool[1], pool.Select());
    }

    [Fact]
    public void EqualScoresGoToTheEarlierDiscovered()
    {
        var pool = Create(Policy(), Info(1), Info(2), Info(3));
        pool.Known(2, 0.4);
        pool.Known(1, 0.4);

        Assert.Same(pool[1], pool.Select());
    }

    [Fact]
    public void ThresholdIsConfigurable()
    {
        var pool = Create(Policy(MinLSOptions.Default with { MinLatencyScore = 2.0 }), Info(1), Info(2));
        pool.Known(1, 1.5);

        Assert.Same(pool[1], pool.Select());
    }

    [Fact]
    public void AfterCompletionTheSessionBecomesKnown()
    {
        var pool = Create(Policy(), Info(1), Info(2), Info(3));

        var first = pool.Select();
        Assert.Same(pool[0], first);
        pool.Pool.Complete(first!, 0.6);

        Assert.Same(pool[0], pool.Select()); // now known and good: reused rather than exploring o2
    }

    [Fact]
    public void SlowKnownSessionMakesRoomForUnknownOnes()
    {
        var pool = Create(Policy(), Info(1), Info(2), Info(3));
        pool.Pool.Complete(pool.Select()!, 1.2);

        Assert.Same(pool[1], pool.Select());
    }

    [Fact]
    public void RemovedUnknownSessionIsNeverChosen()
    {
        var pool = Create(Policy(), Info(1), Info(2));
        Assert.True(pool.Pool.Remove(pool[0]));

        for (var i = 0; i < 5; i++)
        {
            var chosen = pool.Select();
            Assert.Equal(Uri(2), chosen!.Info.ServiceUri);
            pool.Pool.Complete(chosen, 0.5);
        }
    }

    [Fact]
    public void SessionWithWorkInFlightIsPassedOverForAnIdleOne()
    {
        var pool = Create(Policy(), Info(1), Info(2));
        pool.Known(0, 0.2);
        pool.Known(1, 0.5);
        pool.Busy(0);

        Assert.Same(pool[1], pool.Select());
    }

    [Fact]
    public void UnknownSessionInFlightIsNotSentMoreBeforeOthersAreTried()
    {
        var pool = Create(Policy(), Info(1), Info(2));
        pool.Busy(0);

        Assert.Same(pool[1], pool.Select());
    }

    [Fact]
    public void WhenAllAreBusyTheLeastBusyAreChosenAmong()
    {
        var pool = Create(Policy(), Info(1), Info(2), Info(3));
        pool.Known(0, 0.1);
        pool.Known(1, 0.9);
        pool.Busy(0);
        pool.Busy(0);
        pool.Busy(1);
        pool.Busy(2);
        pool.Busy(2);

        Assert.Same(pool[1], pool.Select()); // one in flight, the fewest

        // Now all have two in flight: the MinLS rule applies among them again.
        Assert.Same(pool[0], pool.Select());
    }

    [Fact]
    public void TooExpensiveKnownSessionIsNotChosen()
    {
        var pool = Create(Policy(), Info(1, price: 10), Info(2, price: 1), Info(3, price: 2));
        pool.Known(0, 0.1);

        Assert.Same(pool[1], pool.Select(new SelectionContext { MaxPricePerUnit = 5 }));
    }

    [Fact]
    public void FifoSkipsTooExpensiveUnknownSessions()
    {
        var pool = Create(Policy(), Info(1, price: 9), Info(2, price: 3), Info(3, price: 4));
        var context = new SelectionContext { MaxPricePerUnit = 4 };

        Assert.Same(pool[1], pool.Select(context));
        Assert.Same(pool[2], pool.Select(context));
        Assert.Null(pool.Select(new SelectionContext { MaxPricePerUnit = 2 }));
    }

    [Fact]
    public void PriceLimitCanExcludeTheOnlyGoodKnownSession()
    {
        var pool = Create(Policy(), Info(1, price: 1), Info(2, price: 8), Info(3, price: 2));
        pool.Known(0, 1.4);
        pool.Known(1, 0.2);
        pool.Known(2, 1.1);

        Assert.Same(pool[1], pool.Select(new SelectionContext { MaxPricePerUnit = 10 }));
        pool.Pool.Complete(pool[1], 0.2);
        Assert.Same(pool[2], pool.Select(new SelectionContext { MaxPricePerUnit = 5 }));
    }

    [Fact]
    public void ExcludedBestSessionIsSkipped()
    {
        var pool = Create(Policy(), Info(1), Info(2));
        pool.Known(0, 0.1);
        pool.Known(1, 0.3);

        Assert.Same(pool[1], pool.Select(new SelectionContext { Excluded = new HashSet<Uri> { Uri(1) } }));
    }

    [Fact]
    public void CalledDirectlyWithNothingItChoosesNothing() =>
        Assert.Null(Policy().Select([], SelectionContext.Unconstrained));

    [Fact]
    public void InvalidOptionsAreRefused() =>
        Assert.Throws<ArgumentException>(() => new MinLSSelectionPolicy(MinLSOptions.Default with { RandWeight = 0.5 }, new SeededRandomSource(1)));
}
