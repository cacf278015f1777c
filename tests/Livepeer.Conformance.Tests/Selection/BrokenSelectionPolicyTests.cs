using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Selection;
using Xunit;

namespace Livepeer.Conformance.Tests.Selection;

/// <summary>The kit catches selection policies that break the contract.</summary>
public sealed class BrokenSelectionPolicyTests
{
    [Fact]
    public void KitCatchesAForeignSession()
    {
        var exception = Assert.ThrowsAny<Exception>(() => new Kit(_ => new ForeignPolicy()).AlwaysChoosesAnOfferedCandidate());
        Assert.IsType<InvalidOperationException>(exception);
    }

    [Fact]
    public void KitCatchesNondeterminism()
    {
        var calls = 0;
        Assert.ThrowsAny<Exception>(() => new Kit(_ => new UniformPolicy(new Abstractions.Conformance.Fakes.SeededRandomSource(calls++))).IsDeterministicWithTheSameSeed());
    }

    [Fact]
    public void KitCatchesAPolicyThatDeclinesASingleCandidate() =>
        Assert.ThrowsAny<Exception>(() => new Kit(_ => new DecliningPolicy()).SingleCandidateIsChosen());

    private sealed class Kit(Func<IRandomSource, ISelectionPolicy> create) : SelectionPolicyConformanceTests
    {
        protected override ISelectionPolicy CreatePolicy(IRandomSource random) => create(random);
    }

    /// <summary>Returns a session from a pool of its own, never one it was offered.</summary>
    private sealed class ForeignPolicy : ISelectionPolicy
    {
        private readonly OrchestratorSession _foreign;

        public ForeignPolicy()
        {
            var pool = new OrchestratorSessionPool(new FirstUnknownThenLowestLatencyPolicy(new Abstractions.Conformance.Fakes.SeededRandomSource(0)));
            pool.Add([new OrchestratorInfo(new Uri("https://o1.example:8935"))]);
            _foreign = pool.Sessions[0];
        }

        public string Name => "foreign";

        public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context) => _foreign;
    }

    /// <summary>Ignores the injected random source in favour of its own.</summary>
    private sealed class UniformPolicy(IRandomSource own) : ISelectionPolicy
    {
        public string Name => "uniform";

        public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context) =>
            candidates.Count == 0 ? null : candidates[own.NextInt32(candidates.Count)];
    }

    private sealed class DecliningPolicy : ISelectionPolicy
    {
        public string Name => "declining";

        public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context) => null;
    }
}
