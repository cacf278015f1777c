using System.Collections.ObjectModel;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Selection;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>
/// What every <see cref="ISelectionPolicy"/> must do, checked end to end through the
/// <see cref="OrchestratorSessionPool"/> that hosts it.
/// </summary>
public abstract class SelectionPolicyConformanceTests : ConformanceTestBase
{
    /// <summary>Creates the policy under test; all its chance must come from <paramref name="random"/>.</summary>
    protected abstract ISelectionPolicy CreatePolicy(IRandomSource random);

    /// <summary>Orchestrator info at <c>https://o{i}.example:8935</c> with price <c>i</c> wei per pixel.</summary>
    protected static OrchestratorInfo Orchestrator(int i) =>
        new(new Uri($"https://o{i}.example:8935")) { Price = new Price(i, 1) };

    /// <summary>The policy has a name to be configured by.</summary>
    [Fact]
    public void NameIsNotEmpty() => Assert.False(string.IsNullOrWhiteSpace(CreatePolicy(new SeededRandomSource(1)).Name));

    /// <summary>An empty pool selects nothing.</summary>
    [Fact]
    public void EmptyPoolSelectsNothing()
    {
        var pool = new OrchestratorSessionPool(CreatePolicy(new SeededRandomSource(1)));
        Assert.Null(pool.Select(SelectionContext.Unconstrained));
    }

    /// <summary>A pool of one selects that one.</summary>
    [Fact]
    public void SingleCandidateIsChosen()
    {
        var pool = new OrchestratorSessionPool(CreatePolicy(new SeededRandomSource(1)));
        pool.Add([Orchestrator(1)]);

        var chosen = pool.Select(SelectionContext.Unconstrained);

        Assert.NotNull(chosen);
        Assert.Same(pool.Sessions[0], chosen);
    }

    /// <summary>Over many draws, with known and unknown sessions mixed, the policy always picks one it was offered.</summary>
    [Fact]
    public void AlwaysChoosesAnOfferedCandidate()
    {
        for (var seed = 0; seed < 20; seed++)
        {
            var pool = new OrchestratorSessionPool(CreatePolicy(new SeededRandomSource(seed)));
            pool.Add(Enumerable.Range(1, 6).Select(Orchestrator));
            var all = pool.Sessions;
            pool.Complete(all[1], 0.5);
            pool.Complete(all[3], 0.2);
            pool.Complete(all[4], 1.5);

            for (var draw = 0; draw < 25; draw++)
            {
                var chosen = pool.Select(SelectionContext.Unconstrained);
                Assert.NotNull(chosen);
                Assert.Contains(chosen, all);
                pool.Complete(chosen, 0.1 * ((draw % 7) + 1));
            }
        }
    }

    /// <summary>Called directly, the policy returns an element of the list and leaves the list alone.</summary>
    [Fact]
    public void DoesNotChangeTheCandidates()
    {
        var pool = new OrchestratorSessionPool(CreatePolicy(new SeededRandomSource(3)));
        pool.Add(Enumerable.Range(1, 4).Select(Orchestrator));
        pool.Complete(pool.Sessions[2], 0.3);
        var policy = CreatePolicy(new SeededRandomSource(3));
        var candidates = new ReadOnlyCollection<OrchestratorSession>([.. pool.Sessions]);
        var before = candidates.ToArray();

        var chosen = policy.Select(candidates, SelectionContext.Unconstrained);

        Assert.Equal(before, candidates);
        if (chosen is not null)
        {
            Assert.Contains(chosen, candidates);
        }
    }

    /// <summary>Excluded orchestrators are never chosen.</summary>
    [Fact]
    public void NeverChoosesExcluded()
    {
        var pool = new OrchestratorSessionPool(CreatePolicy(new SeededRandomSource(5)));
        pool.Add(Enumerable.Range(1, 5).Select(Orchestrator));
        var excluded = new HashSet<Uri> { Orchestrator(1).ServiceUri, Orchestrator(2).ServiceUri, Orchestrator(4).ServiceUri };
        var context = new SelectionContext { Excluded = excluded };

        for (var draw = 0; draw < 50; draw++)
        {
            var chosen = pool.Select(context);
            Assert.NotNull(chosen);
            Assert.DoesNotContain(chosen.Info.ServiceUri, excluded);
            pool.Complete(chosen, 0.25);
        }

        var all = new SelectionContext { Excluded = pool.Sessions.Select(s => s.Info.ServiceUri).ToHashSet() };
        Assert.Null(pool.Select(all));
    }

    /// <summary>Orchestrators priced above the limit are never chosen.</summary>
    [Fact]
    public void NeverChoosesOverMaxPrice()
    {
        var pool = new OrchestratorSessionPool(CreatePolicy(new SeededRandomSource(7)));
        pool.Add(Enumerable.Range(1, 6).Select(Orchestrator));
        var context = new SelectionContext { MaxPricePerUnit = 3 };

        for (var draw = 0; draw < 50; draw++)
        {
            var chosen = pool.Select(context);
            Assert.NotNull(chosen);
            Assert.True(chosen.Info.Price!.PerUnit <= 3, $"Chose {chosen.Info.ServiceUri} priced {chosen.Info.Price.PerUnit}.");
            pool.Complete(chosen, 0.4);
        }
    }

    /// <summary>With the same seed and the same history, the policy makes the same choices.</summary>
    [Fact]
    public void IsDeterministicWithTheSameSeed()
    {
        Assert.Equal(Run(), Run());

        List<Uri> Run()
        {
            var pool = new OrchestratorSessionPool(CreatePolicy(new SeededRandomSource(42)));
            pool.Add(Enumerable.Range(1, 8).Select(Orchestrator));
            var choices = new List<Uri>();
            for (var draw = 0; draw < 40; draw++)
            {
                var chosen = pool.Select(SelectionContext.Unconstrained);
                Assert.NotNull(chosen);
                choices.Add(chosen.Info.ServiceUri);
                pool.Complete(chosen, ((chosen.Order * 37) + draw) % 10 / 10.0);
            }

            return choices;
        }
    }
}
