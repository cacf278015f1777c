using Livepeer.Plugins.Byoc.Gateway.Orchestrators;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// The orchestrators a stream tries, in order (go-livepeer <c>runStream</c>): the tokens of the start's search, the first
/// used as it came and each later one refreshed first (upstream <c>getToken</c>), then a new search when they are used
/// up. An orchestrator that failed the stream is never tried again for it.
/// </summary>
internal sealed class OrchestratorPicker(GatewayStream stream, IReadOnlyList<OrchestratorToken> initial, StreamServices services)
{
    private readonly Queue<OrchestratorToken> _queue = new(initial);
    private readonly HashSet<Uri> _failed = [];
    private bool _fresh = true;

    public void Exclude(Uri orchestrator) => _failed.Add(orchestrator);

    /// <summary>The next orchestrator with capacity; <c>null</c> when there is none.</summary>
    public async Task<OrchestratorToken?> NextAsync(CancellationToken cancellationToken)
    {
        var searched = false;
        while (true)
        {
            while (_queue.TryDequeue(out var token))
            {
                if (_failed.Contains(token.Orchestrator))
                {
                    continue;
                }

                if (_fresh)
                {
                    _fresh = false;
                    return token;
                }

                try
                {
                    var refreshed = await services.Client.GetTokenAsync(token.Orchestrator, stream.Capability, services.Options.TokenTimeout, cancellationToken).ConfigureAwait(false);
                    if (refreshed.AvailableCapacity > 0)
                    {
                        return refreshed;
                    }
                }
                catch (OrchestratorUnavailableException)
                {
                    // gone since the search; try the next
                }

                _failed.Add(token.Orchestrator);
            }

            if (searched)
            {
                return null;
            }

            searched = true;
            var filter = stream.Filter;
            foreach (var failed in _failed)
            {
                filter = filter.Exclude(failed);
            }

            var found = await services.Finder.FindAsync(stream.Capability, filter, cancellationToken).ConfigureAwait(false);
            foreach (var token in found)
            {
                _queue.Enqueue(token);
            }

            _fresh = true;
        }
    }
}
