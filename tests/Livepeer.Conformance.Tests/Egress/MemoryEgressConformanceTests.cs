using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Media;
using Xunit;

namespace Livepeer.Conformance.Tests.Egress;

public sealed class MemoryEgressConformanceTests : EgressConformanceTests
{
    private readonly MemoryTargets _targets = new();
    private int _next;

    protected override ValueTask<IEgress> CreateEgressAsync(IMediaStreamHub hub, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IEgress>(new MemoryEgress(hub, _targets));

    protected override Uri CreatePushTarget() => new($"memory://target/{Interlocked.Increment(ref _next)}");

    protected override ValueTask<IReadOnlyList<byte[]>> ReadDeliveredAsync(Uri target, int expectedSegments, CancellationToken cancellationToken) =>
        _targets.ReadAsync(target, expectedSegments, cancellationToken);
}

/// <summary>The kit catches an egress that claims every scheme.</summary>
public sealed class BrokenEgressTests
{
    [Fact]
    public async Task KitCatchesAnEgressThatClaimsEveryScheme() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit().UnrelatedSchemeIsRefused());

    private sealed class Kit : EgressConformanceTests
    {
        private readonly MemoryTargets _targets = new();

        protected override ValueTask<IEgress> CreateEgressAsync(IMediaStreamHub hub, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IEgress>(new Greedy(new MemoryEgress(hub, _targets)));

        protected override Uri CreatePushTarget() => new("memory://target/1");

        protected override ValueTask<IReadOnlyList<byte[]>> ReadDeliveredAsync(Uri target, int expectedSegments, CancellationToken cancellationToken) =>
            _targets.ReadAsync(target, expectedSegments, cancellationToken);
    }

    private sealed class Greedy(IEgress inner) : IEgress
    {
        public string Name => inner.Name;

        public IReadOnlyList<Uri> Endpoints => inner.Endpoints;

        public bool CanPush(Uri target) => true;

        public ValueTask<IEgressSession> PushAsync(EgressRequest request, CancellationToken cancellationToken) =>
            inner.PushAsync(request with { Target = new Uri("memory://anywhere") }, cancellationToken);
    }
}
