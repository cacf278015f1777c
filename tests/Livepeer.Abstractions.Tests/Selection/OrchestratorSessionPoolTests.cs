using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Selection;
using Xunit;

namespace Livepeer.Abstractions.Tests.Selection;

public sealed class OrchestratorSessionPoolTests
{
    private static OrchestratorInfo Info(int i, long? price = null) =>
        new(new Uri($"https://o{i}.example:8935")) { Price = price is { } p ? new Price(p, 1) : null };

    private static OrchestratorSessionPool Pool(ISelectionPolicy? policy = null) => new(policy ?? new FirstPolicy());

    [Fact]
    public void AddKeepsDiscoveryOrderAndDedupesByUriKeepingStatistics()
    {
        var pool = Pool();
        pool.Add([Info(1), Info(2)]);
        var first = pool.Select(SelectionContext.Unconstrained)!;
        pool.Complete(first, 0.5);

        pool.Add([Info(3), Info(1, price: 9)]);

        Assert.Equal(3, pool.Count);
        Assert.Equal(["o1.example", "o2.example", "o3.example"], pool.Sessions.Select(s => s.Info.ServiceUri.Host));
        Assert.Equal([0L, 1, 2], pool.Sessions.Select(s => s.Order));
        var updated = pool.Sessions[0];
        Assert.Same(first, updated);
        Assert.Equal(new Price(9, 1), updated.Info.Price);
        Assert.Equal(0.5, updated.LatencyScore);
        Assert.Equal(1, updated.Completed);
    }

    [Fact]
    public void SelectCountsInFlightAndCompleteRecordsLatency()
    {
        var pool = Pool();
        pool.Add([Info(1)]);

        var session = pool.Select(SelectionContext.Unconstrained)!;
        Assert.Null(session.LatencyScore);
        Assert.Equal(1, session.InFlight);
        Assert.Same(session, pool.Select(SelectionContext.Unconstrained));
        Assert.Equal(2, session.InFlight);

        pool.Complete(session, 0.75);
        Assert.Equal(1, session.InFlight);
        Assert.Equal(1, session.Completed);
        Assert.Equal(0.75, session.LatencyScore);

        pool.Complete(session, 0.25);
        pool.Complete(session, 0.1);
        Assert.Equal(0, session.InFlight);
        Assert.Equal(3, session.Completed);
        Assert.Equal(0.1, session.LatencyScore);
        Assert.Throws<ArgumentOutOfRangeException>(() => pool.Complete(session, -1));
    }

    [Fact]
    public void SessionsAtTheInFlightLimitAreNotOffered()
    {
        var pool = Pool();
        pool.Add([Info(1), Info(2)]);
        var limited = new SelectionContext { MaxInFlight = 1 };
        var first = pool.Select(limited)!;
        var second = pool.Select(limited)!;
        Assert.NotSame(first, second);
        Assert.Null(pool.Select(limited));
        pool.Complete(second, 0.2);
        Assert.Same(second, pool.Select(limited));
        Assert.NotNull(pool.Select(SelectionContext.Unconstrained));
    }

    [Fact]
    public void RemoveTakesTheSessionOut()
    {
        var pool = Pool();
        pool.Add([Info(1), Info(2)]);
        var first = pool.Sessions[0];

        Assert.True(pool.Remove(first));
        Assert.False(pool.Remove(first));
        Assert.Equal("o2.example", pool.Select(SelectionContext.Unconstrained)!.Info.ServiceUri.Host);

        pool.Add([Info(1)]);
        Assert.Equal(2, pool.Sessions[^1].Order);
    }

    [Fact]
    public void ExcludedAndOverPricedSessionsAreNotOffered()
    {
        var policy = new RecordingPolicy();
        var pool = Pool(policy);
        pool.Add([Info(1, price: 1), Info(2, price: 5), Info(3), Info(4, price: 2)]);

        var chosen = pool.Select(new SelectionContext
        {
            Excluded = new HashSet<Uri> { Info(1).ServiceUri },
            MaxPricePerUnit = 2,
        });

        // o2 is too expensive, o1 excluded; o3 has no price and is eligible; o4 costs exactly the limit.
        Assert.Equal(["o3.example", "o4.example"], policy.Offered.Select(s => s.Info.ServiceUri.Host));
        Assert.Equal("o3.example", chosen!.Info.ServiceUri.Host);
    }

    [Fact]
    public void NoEligibleSessionMeansNoCallToThePolicy()
    {
        var policy = new RecordingPolicy();
        var pool = Pool(policy);
        Assert.Null(pool.Select(SelectionContext.Unconstrained));

        pool.Add([Info(1, price: 10)]);
        Assert.Null(pool.Select(new SelectionContext { MaxPricePerUnit = new Rational(19, 2) }));
        Assert.Equal(0, policy.Calls);
    }

    [Fact]
    public void DecliningPolicyCountsNothing()
    {
        var pool = Pool(new DecliningPolicy());
        pool.Add([Info(1)]);

        Assert.Null(pool.Select(SelectionContext.Unconstrained));
        Assert.Equal(0, pool.Sessions[0].InFlight);
    }

    [Fact]
    public void ForeignSessionFromPolicyThrows()
    {
        var other = Pool();
        other.Add([Info(1)]);
        var pool = Pool(new FixedPolicy(other.Sessions[0]));
        pool.Add([Info(1)]);

        var exception = Assert.Throws<InvalidOperationException>(() => pool.Select(SelectionContext.Unconstrained));
        Assert.Contains("fixed", exception.Message, StringComparison.Ordinal);
    }

    private sealed class FirstPolicy : ISelectionPolicy
    {
        public string Name => "first";

        public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context) => candidates[0];
    }

    private sealed class RecordingPolicy : ISelectionPolicy
    {
        public IReadOnlyList<OrchestratorSession> Offered { get; private set; } = [];

        public int Calls { get; private set; }

        public string Name => "recording";

        public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context)
        {
            Calls++;
            Offered = [.. candidates];
            return candidates[0];
        }
    }

    private sealed class DecliningPolicy : ISelectionPolicy
    {
        public string Name => "declining";

        public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context) => null;
    }

    private sealed class FixedPolicy(OrchestratorSession session) : ISelectionPolicy
    {
        public string Name => "fixed";

        public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context) => session;
    }
}
