using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Storage;
using Livepeer.Host.Storage;
using Microsoft.Data.Sqlite;

namespace Livepeer.Host.Tests.Storage;

public sealed class NodeDatabaseTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lpdb-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    private async Task<NodeDatabase> OpenAsync()
    {
        var database = new NodeDatabase(Path.Combine(_dir, NodeDatabase.FileName));
        await database.MigrateAsync(CancellationToken.None);
        return database;
    }

    [Fact]
    public async Task Migration_creates_the_reference_schema_and_records_dbVersion()
    {
        var database = await OpenAsync();
        Assert.Equal(NodeDatabaseMigrations.All.Count, database.SchemaVersion);
        await using var connection = await database.OpenConnectionAsync(CancellationToken.None);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name;";
        var tables = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        Assert.Equal(["brokerReserveClaims", "brokerSenders", "brokerUsedTickets", "kv", "orchestrators", "ticketQueue", "unbondingLocks", "winningTickets"], tables);
        Assert.Equal("2", await new SqliteKeyValueStore(database).GetAsync("dbVersion", CancellationToken.None));
    }

    [Fact]
    public async Task Migration_is_idempotent_and_keeps_data()
    {
        var first = await OpenAsync();
        var kv = new SqliteKeyValueStore(first);
        await kv.SetAsync("lastSeenBlock", "42", CancellationToken.None);
        var again = await OpenAsync();
        Assert.Equal("42", await new SqliteKeyValueStore(again).GetAsync("lastSeenBlock", CancellationToken.None));
    }

    [Fact]
    public async Task A_database_from_a_newer_node_is_refused_untouched()
    {
        var database = await OpenAsync();
        await new SqliteKeyValueStore(database).SetAsync("dbVersion", "999", CancellationToken.None);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => new NodeDatabase(database.Path).MigrateAsync(CancellationToken.None));
        Assert.Contains("999", error.Message, StringComparison.Ordinal);
        Assert.Equal("999", await new SqliteKeyValueStore(database).GetAsync("dbVersion", CancellationToken.None));
    }

    [Fact]
    public async Task Key_value_store_overwrites_and_misses()
    {
        var kv = new SqliteKeyValueStore(await OpenAsync());
        Assert.Null(await kv.GetAsync("missing", CancellationToken.None));
        await kv.SetAsync("k", "v1", CancellationToken.None);
        await kv.SetAsync("k", "v2", CancellationToken.None);
        Assert.Equal("v2", await kv.GetAsync("k", CancellationToken.None));
        await kv.SetAsync("quote'; DROP TABLE kv;--", "\u0000binary\u00ff", CancellationToken.None);
        Assert.Equal("\u0000binary\u00ff", await kv.GetAsync("quote'; DROP TABLE kv;--", CancellationToken.None));
    }

    [Fact]
    public async Task Orchestrator_store_round_trips_exact_values_and_filters()
    {
        var store = new SqliteOrchestratorStore(await OpenAsync());
        var now = new DateTimeOffset(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
        var a = new KnownOrchestrator(EthAddress.Parse("0x" + new string('a', 40)), new Uri("https://a.example:8935"))
        {
            PricePerPixel = new Rational(1, 3),
            ActivationRound = 10,
            DeactivationRound = 100,
            Stake = BigInteger.Parse("123456789012345678901234567890"),
            UpdatedAt = now,
        };
        var b = a with { Address = EthAddress.Parse("0x" + new string('b', 40)), ServiceUri = new Uri("https://b.example"), ActivationRound = 200, DeactivationRound = 300, UpdatedAt = now.AddDays(-2), PricePerPixel = null };
        await store.UpsertAsync(a, CancellationToken.None);
        await store.UpsertAsync(b, CancellationToken.None);
        await store.UpsertAsync(a with { ServiceUri = new Uri("https://a2.example:8935") }, CancellationToken.None);

        var all = await store.ListAsync(DateTimeOffset.MinValue, null, CancellationToken.None);
        Assert.Equal(2, all.Count);
        Assert.Equal(a with { ServiceUri = new Uri("https://a2.example:8935") }, all[0]);
        Assert.Null(all[1].PricePerPixel);

        Assert.Equal([a.Address], (await store.ListAsync(now.AddDays(-1), null, CancellationToken.None)).Select(o => o.Address));
        Assert.Equal([b.Address], (await store.ListAsync(DateTimeOffset.MinValue, 250, CancellationToken.None)).Select(o => o.Address));
        Assert.Empty(await store.ListAsync(DateTimeOffset.MinValue, 100, CancellationToken.None));
    }
}
