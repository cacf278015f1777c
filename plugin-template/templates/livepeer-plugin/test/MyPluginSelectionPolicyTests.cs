using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Selection;

namespace MyPlugin.Tests;

/// <summary>The conformance kit's selection facts, plus what this policy promises.</summary>
public sealed class MyPluginSelectionPolicyTests : SelectionPolicyConformanceTests
{
    protected override ISelectionPolicy CreatePolicy(IRandomSource random) => new MyPluginSelectionPolicy(random);

    [Fact]
    public void PrefersTheLowestKnownLatency()
    {
        var pool = new OrchestratorSessionPool(CreatePolicy(new SeededRandomSource(1)));
        pool.Add(Enumerable.Range(1, 3).Select(Orchestrator));
        pool.Complete(pool.Sessions[0], 0.9);
        pool.Complete(pool.Sessions[2], 0.2);

        Assert.Same(pool.Sessions[2], pool.Select(SelectionContext.Unconstrained));
    }

    [Fact]
    public void StartsWithTheFirstDiscovered()
    {
        var pool = new OrchestratorSessionPool(CreatePolicy(new SeededRandomSource(1)));
        pool.Add(Enumerable.Range(1, 3).Select(Orchestrator));

        Assert.Same(pool.Sessions[0], pool.Select(SelectionContext.Unconstrained));
    }
}
