using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Livepeer.Abstractions.Storage;
using Livepeer.Host.Builtins;
using Livepeer.Host.Configuration;
using Livepeer.Host.Discovery;
using Livepeer.Host.Storage;
using Microsoft.Data.Sqlite;

namespace Livepeer.Host.Tests.Conformance;

/// <summary>The host's built-in extensions pass the same conformance kit third-party plugins do.</summary>
public sealed class OrchAddrDiscoveryConformanceTests : DiscoverySourceConformanceTests
{
    private sealed class NoAddresses : INodeAddresses
    {
        public Uri? GetBaseUri(NodeListener listener) => null;
    }

    protected override ValueTask<IDiscoverySource> CreateSourceAsync(IReadOnlyList<OrchestratorCandidate> known) =>
        ValueTask.FromResult<IDiscoverySource>(new OrchAddrDiscoverySource(
            new NodeOptions { Roles = NodeRoles.Gateway, OrchAddr = [.. known.Select(k => k.ServiceUri)] },
            new NoAddresses()));
}

public sealed class DatabaseDiscoveryConformanceTests : DiscoverySourceConformanceTests, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "lp-dbdisc-" + Guid.NewGuid().ToString("N"));

    protected override async ValueTask<IDiscoverySource> CreateSourceAsync(IReadOnlyList<OrchestratorCandidate> known)
    {
        var database = new NodeDatabase(Path.Combine(_dir, Guid.NewGuid().ToString("N"), NodeDatabase.FileName));
        await database.MigrateAsync(CancellationToken.None);
        var store = new SqliteOrchestratorStore(database);
        var index = 0;
        foreach (var candidate in known)
        {
            var address = new byte[EthAddress.Length];
            BitConverter.TryWriteBytes(address.AsSpan(16), ++index);
            await store.UpsertAsync(new KnownOrchestrator(new EthAddress(address), candidate.ServiceUri) { UpdatedAt = TimeProvider.System.GetUtcNow() }, CancellationToken.None);
        }

        return new DatabaseDiscoverySource(store, TimeProvider.System);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dir))
        {
            Directory.Delete(_dir, recursive: true);
        }
    }
}

public sealed class NonePaymentSenderConformanceTests : PaymentSenderConformanceTests
{
    protected override IPaymentSender CreateSender() => new NonePaymentSender();
}

public sealed class NonePaymentReceiverConformanceTests : PaymentReceiverConformanceTests
{
    protected override IPaymentReceiver CreateReceiver() => new NonePaymentReceiver();
}
