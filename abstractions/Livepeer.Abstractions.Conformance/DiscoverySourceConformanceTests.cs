using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>
/// What every <see cref="IDiscoverySource"/> must do. Derive, implement <see cref="CreateSourceAsync"/>, and
/// every fact runs against your source.
/// </summary>
/// <remarks>
/// Decision: a source called with an already-cancelled token throws <see cref="OperationCanceledException"/>
/// rather than returning what it knows, so a gateway that gave up on a request never acts on a late answer.
/// </remarks>
public abstract class DiscoverySourceConformanceTests : ConformanceTestBase
{
    /// <summary>
    /// Creates the source under test with its backing store (list, webhook answer, database) arranged so that
    /// it knows exactly <paramref name="known"/>, duplicates included as given.
    /// </summary>
    protected abstract ValueTask<IDiscoverySource> CreateSourceAsync(IReadOnlyList<OrchestratorCandidate> known);

    /// <summary>Candidates at distinct URIs, <c>https://o{i}.example:8935</c>.</summary>
    protected static IReadOnlyList<OrchestratorCandidate> Candidates(int count) =>
        [.. Enumerable.Range(1, count).Select(i => new OrchestratorCandidate(new Uri($"https://o{i}.example:8935")))];

    /// <summary>The source has a name to be configured by.</summary>
    [Fact]
    public async Task NameIsNotEmpty()
    {
        var source = await Within(CreateSourceAsync(Candidates(1)));
        Assert.False(string.IsNullOrWhiteSpace(source.Name));
    }

    /// <summary>It returns exactly the URIs it knows.</summary>
    [Fact]
    public async Task ReturnsExactlyTheKnownCandidates()
    {
        var known = Candidates(4);
        var source = await Within(CreateSourceAsync(known));

        var result = await Within(source.GetCandidatesAsync(new DiscoveryQuery(100), CancellationToken.None));

        Assert.Equal(known.Select(c => c.ServiceUri).ToHashSet(), result.Select(c => c.ServiceUri).ToHashSet());
        Assert.Equal(known.Count, result.Count);
    }

    /// <summary>A URI known twice is returned once.</summary>
    [Fact]
    public async Task ReturnsEachUriOnce()
    {
        var distinct = Candidates(3);
        var source = await Within(CreateSourceAsync([.. distinct, distinct[0], distinct[2], distinct[0]]));

        var result = await Within(source.GetCandidatesAsync(new DiscoveryQuery(100), CancellationToken.None));

        var uris = result.Select(c => c.ServiceUri).ToList();
        Assert.Equal(uris.Distinct().Count(), uris.Count);
        Assert.Equal(distinct.Select(c => c.ServiceUri).ToHashSet(), uris.ToHashSet());
    }

    /// <summary>It returns at most <see cref="DiscoveryQuery.MaxCandidates"/>, all of them known and distinct.</summary>
    [Fact]
    public async Task HonoursMaxCandidates()
    {
        var known = Candidates(6);
        var source = await Within(CreateSourceAsync(known));

        foreach (var max in new[] { 1, 2, 5 })
        {
            var result = await Within(source.GetCandidatesAsync(new DiscoveryQuery(max), CancellationToken.None));
            Assert.InRange(result.Count, 0, max);
            Assert.All(result, c => Assert.Contains(c.ServiceUri, known.Select(k => k.ServiceUri)));
            Assert.Equal(result.Count, result.Select(c => c.ServiceUri).Distinct().Count());
        }
    }

    /// <summary>A source that knows nothing returns an empty list, not null and not an error.</summary>
    [Fact]
    public async Task EmptyStoreReturnsEmptyList()
    {
        var source = await Within(CreateSourceAsync([]));

        var result = await Within(source.GetCandidatesAsync(new DiscoveryQuery(10), CancellationToken.None));

        Assert.NotNull(result);
        Assert.Empty(result);
    }

    /// <summary>An already-cancelled token makes the call throw <see cref="OperationCanceledException"/>.</summary>
    [Fact]
    public async Task CancelledTokenThrows()
    {
        var source = await Within(CreateSourceAsync(Candidates(2)));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Within(source.GetCandidatesAsync(new DiscoveryQuery(10), CancelledToken)));
    }

    /// <summary>Concurrent calls are safe and each sees the whole set.</summary>
    [Fact]
    public async Task ConcurrentCallsAreSafe()
    {
        var known = Candidates(5);
        var source = await Within(CreateSourceAsync(known));
        var expected = known.Select(c => c.ServiceUri).ToHashSet();

        var calls = Enumerable.Range(0, 16)
            .Select(_ => Task.Run(async () => await source.GetCandidatesAsync(new DiscoveryQuery(100), CancellationToken.None)));
        var results = await Within(Task.WhenAll(calls));

        Assert.All(results, r => Assert.Equal(expected, r.Select(c => c.ServiceUri).ToHashSet()));
    }
}
