using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Host.Gateway;

/// <summary>The gateway's <see cref="OrchestratorPool"/> as plugins see it (<see cref="IOrchestratorDirectory"/>).</summary>
internal sealed class OrchestratorDirectory(OrchestratorPool pool) : IOrchestratorDirectory
{
    public async Task<IReadOnlyList<OrchestratorInfo>> FindAsync(OrchestratorSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentOutOfRangeException.ThrowIfLessThan(search.Count, 1, nameof(search));

        // Ask for the excluded ones too, so that excluding does not shrink the answer below what was wanted.
        var found = await pool.GetOrchestratorsAsync(search.Count + search.Excluded.Count, search.Required, null, cancellationToken).ConfigureAwait(false);
        return [.. found.Where(info => !search.Excluded.Contains(info.ServiceUri)).Take(search.Count)];
    }
}
