using System.Collections.Concurrent;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;

/// <summary>The host's orchestrator directory for plugin tests: a fixed list in discovery order, exclusions honoured, searches recorded.</summary>
internal sealed class FakeDirectory : IOrchestratorDirectory
{
    public List<Uri> Orchestrators { get; } = [];

    public ConcurrentQueue<OrchestratorSearch> Searches { get; } = new();

    /// <summary>False: the orchestrators list no capabilities (as go-livepeer ones may not list 37), so capability searches find none.</summary>
    public bool Advertises { get; set; } = true;

    public Task<IReadOnlyList<OrchestratorInfo>> FindAsync(OrchestratorSearch search, CancellationToken cancellationToken)
    {
        Searches.Enqueue(search);
        if (!Advertises && search.Required is not null)
        {
            return Task.FromResult<IReadOnlyList<OrchestratorInfo>>([]);
        }

        List<Uri> all;
        lock (Orchestrators)
        {
            all = [.. Orchestrators];
        }

        return Task.FromResult<IReadOnlyList<OrchestratorInfo>>([.. all.Where(u => !search.Excluded.Contains(u)).Take(search.Count).Select(u => new OrchestratorInfo(u))]);
    }
}
