using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Storage;
using Livepeer.Host.Gateway;

namespace Livepeer.Host.Discovery;

/// <summary>
/// Writes what discovery learned back to the node database (address, service URI, price per pixel, when), so the
/// <c>db</c> discovery source knows these orchestrators next time. Answers without an address are not kept: the
/// address is the table's key.
/// </summary>
internal sealed class DiscoveredOrchestratorRecorder(IOrchestratorStore store, TimeProvider time, ILogger<DiscoveredOrchestratorRecorder> logger)
{
    public async Task RecordAsync(IEnumerable<OrchestratorInfo> infos, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(infos);
        var now = time.GetUtcNow();
        try
        {
            foreach (var info in infos)
            {
                if (info.Address is not { IsZero: false } address)
                {
                    continue;
                }

                await store.UpsertAsync(new KnownOrchestrator(address, info.ServiceUri) { PricePerPixel = info.Price?.PerUnit, UpdatedAt = now }, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The cache is an optimisation; discovery has its answer either way.
            GatewayLog.RecordFailed(logger, e);
        }
    }
}
