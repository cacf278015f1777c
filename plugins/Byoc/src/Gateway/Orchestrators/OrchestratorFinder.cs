using Livepeer.Abstractions.Discovery;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Orchestrators;

/// <summary>Which orchestrators a search may use (the client's <c>parameters.orchestrators</c>, plus the ones a stream already failed on).</summary>
/// <param name="Excluded">Never these.</param>
/// <param name="Included">Only these, when not empty.</param>
internal sealed record OrchestratorFilter(IReadOnlySet<Uri> Excluded, IReadOnlySet<Uri> Included)
{
    public static OrchestratorFilter None { get; } = new(new HashSet<Uri>(), new HashSet<Uri>());

    public OrchestratorFilter Exclude(Uri orchestrator) => this with { Excluded = new HashSet<Uri>(Excluded) { orchestrator } };

    public bool Allows(Uri orchestrator) => !Excluded.Contains(orchestrator) && (Included.Count == 0 || Included.Contains(orchestrator));
}

/// <summary>
/// Finds orchestrators for a capability as go-livepeer's <c>getJobOrchestrators</c> does (protocols §1.6): the node's
/// <see cref="IOrchestratorDirectory"/> (discovery + GetOrchestrator, filtered by capability 37 and the name), then
/// <c>GET /process/token</c> from each in parallel — <see cref="GatewayOptions.TokenTimeout"/> each,
/// <see cref="GatewayOptions.SearchTimeout"/> in all — keeping those with free capacity, in the order the tokens
/// arrived. Arrival order is the choice (not the node's selection policy): a per-stream pool has no latency history
/// yet, and the token round trip is the freshest latency measurement there is.
/// </summary>
internal sealed class OrchestratorFinder(IOrchestratorDirectory? directory, OrchestratorClient client, GatewayOptions options, ILogger logger)
{
    /// <summary>Tokens of orchestrators that can take the work now, fastest first; empty when none can.</summary>
    public async Task<IReadOnlyList<OrchestratorToken>> FindAsync(string capability, OrchestratorFilter filter, CancellationToken cancellationToken)
    {
        if (directory is null)
        {
            return [];
        }

        var asked = await CandidatesAsync(capability, filter, OrchestratorSearch.ForByoc(capability), cancellationToken).ConfigureAwait(false);
        if (asked is { Count: 0 })
        {
            // go-livepeer orchestrators price BYOC capabilities in capabilities_prices but need not list capability 37
            // in their capabilities, and go-livepeer gateways never filter on it: the token decides (§1.6). So when no
            // orchestrator advertises the capability, every one that answers is asked for a token.
            GatewayLog.SearchingUnfiltered(logger, capability);
            asked = await CandidatesAsync(capability, filter, null, cancellationToken).ConfigureAwait(false);
        }

        if (asked is null or { Count: 0 })
        {
            return [];
        }

        using var search = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        search.CancelAfter(options.SearchTimeout);
        var pending = asked.Select(c => client.GetTokenAsync(c.ServiceUri, capability, options.TokenTimeout, search.Token)).ToList();
        var tokens = new List<OrchestratorToken>();
        var deadline = Task.Delay(Timeout.Infinite, search.Token);
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny([.. pending, deadline]).ConfigureAwait(false);
            if (done == deadline)
            {
                break;
            }

            pending.Remove((Task<OrchestratorToken>)done);
            if (done.IsCompletedSuccessfully)
            {
                var token = await ((Task<OrchestratorToken>)done).ConfigureAwait(false);
                if (token.AvailableCapacity > 0)
                {
                    tokens.Add(token);
                }
                else
                {
                    GatewayLog.NoCapacity(logger, token.Orchestrator, capability);
                }
            }
            else if (done.Exception?.InnerException is { } error)
            {
                GatewayLog.TokenFailed(logger, capability, error);
            }
        }

        await search.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
        foreach (var late in pending)
        {
            _ = late.ContinueWith(t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
        }
        return tokens;
    }

    // The directory's answer for the search, less what the filter forbids; null when discovery timed out.
    private async Task<List<Abstractions.Orchestrators.OrchestratorInfo>?> CandidatesAsync(
        string capability, OrchestratorFilter filter, Abstractions.Orchestrators.NodeCapabilities? required, CancellationToken cancellationToken)
    {
        using var discovery = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        discovery.CancelAfter(options.DiscoveryTimeout);
        try
        {
            var candidates = await directory!.FindAsync(
                new OrchestratorSearch { Count = options.MaxCandidates, Required = required, Excluded = filter.Excluded },
                discovery.Token).ConfigureAwait(false);
            return [.. candidates.Where(c => filter.Allows(c.ServiceUri)).DistinctBy(c => c.ServiceUri)];
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            GatewayLog.DiscoveryTimedOut(logger, capability);
            return null;
        }
    }
}
