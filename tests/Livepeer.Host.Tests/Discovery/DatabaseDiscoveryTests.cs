using Livepeer.Abstractions;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Storage;
using Livepeer.Host.Discovery;
using Livepeer.Host.Gateway;
using Livepeer.Host.Grpc;
using Livepeer.Host.Storage;
using Livepeer.Host.Tests.Gateway;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Discovery;

/// <summary>The <c>db</c> discovery source (§5.4, offchain) and the pool's write-back into the node database.</summary>
public sealed class DatabaseDiscoveryTests : IDisposable
{
    private static readonly EthAddress Orch = EthAddress.Parse("0x00000000000000000000000000000000000000a1");
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lpdisc-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }

    private async Task<IOrchestratorStore> StoreAsync()
    {
        var database = new NodeDatabase(Path.Combine(_dir, NodeDatabase.FileName));
        await database.MigrateAsync(CancellationToken.None);
        return new SqliteOrchestratorStore(database);
    }

    /// <summary>TestNewDBOrchestratorPoolCache_TestURLs / _Empty: only orchestrators updated within the last day.</summary>
    [Fact]
    public async Task Lists_orchestrators_seen_within_a_day_untrusted_with_their_address()
    {
        var store = await StoreAsync();
        var time = new ManualTime(new DateTimeOffset(2025, 3, 1, 12, 0, 0, TimeSpan.Zero));
        var source = new DatabaseDiscoverySource(store, time);
        Assert.Equal(DiscoverySourceNames.Database, source.Name);
        Assert.Empty(await source.GetCandidatesAsync(new DiscoveryQuery(10), CancellationToken.None));

        var old = EthAddress.Parse("0x00000000000000000000000000000000000000a0");
        await store.UpsertAsync(new KnownOrchestrator(old, new Uri("https://old:8935")) { UpdatedAt = time.Now - TimeSpan.FromHours(25) }, CancellationToken.None);
        await store.UpsertAsync(new KnownOrchestrator(Orch, new Uri("https://fresh:8935")) { UpdatedAt = time.Now - TimeSpan.FromHours(23) }, CancellationToken.None);
        await store.UpsertAsync(new KnownOrchestrator(EthAddress.Parse("0x00000000000000000000000000000000000000a2"), new Uri("https://other:8935")) { UpdatedAt = time.Now }, CancellationToken.None);

        var candidates = await source.GetCandidatesAsync(new DiscoveryQuery(10), CancellationToken.None);
        Assert.Equal([new Uri("https://fresh:8935"), new Uri("https://other:8935")], candidates.Select(c => c.ServiceUri));
        Assert.All(candidates, c => Assert.Equal(OrchestratorCandidate.Untrusted, c.Score));
        Assert.Equal(Orch, candidates[0].Address);

        Assert.Single(await source.GetCandidatesAsync(new DiscoveryQuery(1), CancellationToken.None));
    }

    /// <summary>What the pool learns (address, URI, price) comes back through the db source.</summary>
    [Fact]
    public async Task The_pool_writes_what_it_learns_and_the_db_source_finds_it_again()
    {
        var store = await StoreAsync();
        await using var fakes = await FakeOrchestrators.StartAsync(2, (i, self, _, _) =>
        {
            var info = FakeOrchestrators.Info(self);
            info.PriceInfo = new Net.PriceInfo { PricePerUnit = 10, PixelsPerUnit = 4 };
            if (i == 0)
            {
                info.Address = FakeOrchestrators.Bytes(Orch); // the other has no address offchain and is not kept
            }

            return Task.FromResult(info);
        });
        using var http = GrpcClient.CreateHttpClient();
        var recorder = new DiscoveredOrchestratorRecorder(store, TimeProvider.System, NullLogger<DiscoveredOrchestratorRecorder>.Instance);

        Assert.Equal(2, (await PoolHarness.Create(fakes.Uris, http, recorder: recorder).GetOrchestratorsAsync(2, null, null, CancellationToken.None)).Count);

        var known = Assert.Single(await store.ListAsync(DateTimeOffset.UtcNow.AddMinutes(-1), null, CancellationToken.None));
        Assert.Equal(Orch, known.Address);
        Assert.Equal(fakes.Uris[0], known.ServiceUri);
        Assert.Equal(new Rational(10, 4), known.PricePerPixel);

        var fromDb = PoolHarness.Create([new DatabaseDiscoverySource(store, TimeProvider.System)], http);
        var again = await fromDb.GetOrchestratorsAsync(5, null, null, CancellationToken.None);
        Assert.Equal([fakes.Uris[0]], again.Select(r => r.ServiceUri));
    }

    /// <summary>A real gateway node with -discovery orchAddr,db: real TLS orchestrator nodes, no webhook.</summary>
    [Fact]
    public async Task A_gateway_node_discovers_real_orchestrators_over_TLS_without_a_webhook()
    {
        await using var first = await InProcessNode.StartAsync("-orchestrator", "-pricePerUnit", "5");
        await using var second = await InProcessNode.StartAsync("-orchestrator", "-pricePerUnit", "9");
        await using var gateway = await InProcessNode.StartAsync("-gateway", "-discovery", "orchAddr,db", "-orchAddr", $"{first.Service},{second.Service}", "-maxPricePerUnit", "6");
        var pool = gateway.Services.GetRequiredService<OrchestratorPool>();
        Assert.Equal(TimeSpan.FromMilliseconds(500), pool.Options.DiscoveryTimeout);

        var result = await pool.GetOrchestratorsAsync(5, null, null, CancellationToken.None);

        var only = Assert.Single(result); // the second is above -maxPricePerUnit
        Assert.Equal(first.Service, only.ServiceUri);
        Assert.Equal(new Price(5, 1), only.Price);
        Assert.NotNull(only.AuthToken);
        Assert.Contains(gateway.Services.GetServices<IDiscoverySource>(), s => s.Name == DiscoverySourceNames.Database);
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
