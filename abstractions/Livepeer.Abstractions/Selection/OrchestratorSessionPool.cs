using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Selection;

/// <summary>
/// A stream's pool of orchestrator sessions. It keeps what is known about each orchestrator (latency,
/// work in flight), removes the ineligible (excluded, too expensive) and lets an
/// <see cref="ISelectionPolicy"/> choose among the rest. Thread-safe.
/// </summary>
public sealed class OrchestratorSessionPool
{
    private readonly ISelectionPolicy _policy;
    private readonly List<OrchestratorSession> _sessions = [];
    private readonly Lock _lock = new();
    private long _nextOrder;

    /// <summary>Creates an empty pool that chooses with <paramref name="policy"/>.</summary>
    public OrchestratorSessionPool(ISelectionPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _policy = policy;
    }

    /// <summary>Number of sessions in the pool.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>A snapshot of the sessions, in discovery order.</summary>
    public IReadOnlyList<OrchestratorSession> Sessions
    {
        get
        {
            lock (_lock)
            {
                return [.. _sessions];
            }
        }
    }

    /// <summary>
    /// Adds orchestrators in the order given. One already in the pool (same service URI) keeps its
    /// statistics and gets the new info.
    /// </summary>
    public void Add(IEnumerable<OrchestratorInfo> infos)
    {
        ArgumentNullException.ThrowIfNull(infos);
        lock (_lock)
        {
            foreach (var info in infos)
            {
                ArgumentNullException.ThrowIfNull(info, nameof(infos));
                var existing = _sessions.Find(s => s.Info.ServiceUri == info.ServiceUri);
                if (existing is not null)
                {
                    existing.Info = info;
                }
                else
                {
                    _sessions.Add(new OrchestratorSession(info, _nextOrder++));
                }
            }
        }
    }

    /// <summary>
    /// Chooses a session for the next piece of work and counts it as in flight; <c>null</c> when no
    /// eligible session exists or the policy declines.
    /// </summary>
    /// <exception cref="InvalidOperationException">The policy returned a session it was not offered.</exception>
    public OrchestratorSession? Select(SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        lock (_lock)
        {
            var eligible = _sessions.FindAll(s => IsEligible(s, context));
            if (eligible.Count == 0)
            {
                return null;
            }

            var chosen = _policy.Select(eligible, context);
            if (chosen is null)
            {
                return null;
            }

            if (!eligible.Contains(chosen))
            {
                throw new InvalidOperationException($"Selection policy '{_policy.Name}' returned a session it was not offered.");
            }

            chosen.InFlight++;
            return chosen;
        }
    }

    /// <summary>Records that work sent to <paramref name="session"/> completed with <paramref name="latencyScore"/>.</summary>
    public void Complete(OrchestratorSession session, double latencyScore)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentOutOfRangeException.ThrowIfNegative(latencyScore);
        lock (_lock)
        {
            if (session.InFlight > 0)
            {
                session.InFlight--;
            }

            session.Completed++;
            session.LatencyScore = latencyScore;
        }
    }

    /// <summary>Removes <paramref name="session"/> (after a failure); returns false when it was not in the pool.</summary>
    public bool Remove(OrchestratorSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        lock (_lock)
        {
            return _sessions.Remove(session);
        }
    }

    private static bool IsEligible(OrchestratorSession session, SelectionContext context)
    {
        if (context.Excluded.Contains(session.Info.ServiceUri) || session.InFlight >= context.MaxInFlight)
        {
            return false;
        }

        return context.MaxPricePerUnit is not { } max || session.Info.Price is not { } price || price.PerUnit <= max;
    }
}
