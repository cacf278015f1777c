using Livepeer.Abstractions;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Discovery;
using Livepeer.Host.Gateway;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Host.Tests.Gateway;

/// <summary>Test doubles for the pool: a fixed discovery source and a seeded random source.</summary>
internal static class PoolHarness
{
    public static OrchestratorPool Create(IEnumerable<Uri> uris, HttpClient http, OrchestratorPoolOptions? options = null, DiscoveredOrchestratorRecorder? recorder = null) =>
        Create([new FixedSource(uris.Select(u => new OrchestratorCandidate(u)).ToList())], http, options, recorder);

    public static OrchestratorPool Create(IReadOnlyList<IDiscoverySource> sources, HttpClient http, OrchestratorPoolOptions? options = null, DiscoveredOrchestratorRecorder? recorder = null) =>
        new(sources, options ?? new OrchestratorPoolOptions(), new OrchestratorClient(new GrpcClient(http)), recorder, TimeProvider.System, new SeededRandom(1), NullLogger<OrchestratorPool>.Instance);

    public sealed class FixedSource(IReadOnlyList<OrchestratorCandidate> candidates, string name = "fixed") : IDiscoverySource
    {
        public string Name => name;

        public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IReadOnlyList<OrchestratorCandidate>>([.. candidates.Take(query.MaxCandidates)]);
    }

    public sealed class FailingSource : IDiscoverySource
    {
        public string Name => "failing";

        public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken) =>
            throw new HttpRequestException("down");
    }

    public sealed class SeededRandom(int seed) : IRandomSource
    {
        private readonly Random _random = new(seed);

        public double NextDouble() => _random.NextDouble();

        public int NextInt32(int maxExclusive) => _random.Next(maxExclusive);

        public void NextBytes(Span<byte> destination) => _random.NextBytes(destination);
    }
}
