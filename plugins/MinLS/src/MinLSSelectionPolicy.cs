using Livepeer.Abstractions;
using Livepeer.Abstractions.Selection;

namespace Livepeer.Plugins.MinLS;

/// <summary>
/// go-livepeer's <c>MinLSSelector</c> (§6.2–6.3) as a stateless policy over the pool's eligible sessions:
/// reuse the known session with the lowest latency score while that score is at most
/// <see cref="MinLSOptions.MinLatencyScore"/>; otherwise try an unknown session (no score yet) if there is
/// one, else fall back to the best known session.
/// </summary>
/// <remarks>
/// <para>
/// Work in flight: upstream takes a session out of its selector while it has a segment in flight and puts it
/// back on completion. Here only the sessions with the fewest pieces of work in flight are considered, which
/// is the same choice whenever an idle session exists. When every session is busy the least busy ones are
/// chosen among (upstream's selector would be empty and the caller would refresh or wait), so the pool is
/// never starved by slow completions.
/// </para>
/// <para>
/// Unknown sessions: without stake knowledge (off chain, and until a stake source exists) the earliest
/// discovered is taken (<see cref="OrchestratorSession.Order"/>), as upstream does with a nil stake reader.
/// With an <see cref="IStakeReader"/>, one address among the unknown sessions that carry one is drawn by
/// <see cref="ProbabilitySelection"/> and its earliest session is taken; sessions without an address are then
/// tried only when no unknown session has one. Ties in latency score go to the earlier-discovered session.
/// </para>
/// </remarks>
internal sealed class MinLSSelectionPolicy : ISelectionPolicy
{
    /// <summary>The name configured with <c>-selector minls</c>.</summary>
    public const string PolicyName = "minls";

    private readonly MinLSOptions _options;
    private readonly IRandomSource _random;
    private readonly IStakeReader? _stakes;
    private readonly ProbabilitySelection _probability;

    /// <summary>Creates the policy.</summary>
    /// <param name="options">Validated settings.</param>
    /// <param name="random">The only source of chance.</param>
    /// <param name="stakes">Stakes by address; <c>null</c> for none known (unknown sessions in discovery order).</param>
    /// <exception cref="ArgumentException"><paramref name="options"/> are not valid.</exception>
    public MinLSSelectionPolicy(MinLSOptions options, IRandomSource random, IStakeReader? stakes = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(random);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }

        _options = options;
        _random = random;
        _stakes = stakes;
        _probability = new ProbabilitySelection(options);
    }

    /// <inheritdoc />
    public string Name => PolicyName;

    /// <inheritdoc />
    public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        ArgumentNullException.ThrowIfNull(context);
        if (candidates.Count == 0)
        {
            return null;
        }

        var leastInFlight = int.MaxValue;
        foreach (var session in candidates)
        {
            leastInFlight = Math.Min(leastInFlight, session.InFlight);
        }

        OrchestratorSession? bestKnown = null;
        var unknown = new List<OrchestratorSession>();
        foreach (var session in candidates)
        {
            if (session.InFlight != leastInFlight)
            {
                continue;
            }

            if (session.LatencyScore is not { } score)
            {
                unknown.Add(session);
            }
            else if (bestKnown is null || score < bestKnown.LatencyScore || (score == bestKnown.LatencyScore && session.Order < bestKnown.Order))
            {
                bestKnown = session;
            }
        }

        // §6.2: a known session good enough (score <= minLS) wins; otherwise explore while unknown sessions remain.
        if (bestKnown is not null && (bestKnown.LatencyScore <= _options.MinLatencyScore || unknown.Count == 0))
        {
            return bestKnown;
        }

        unknown.Sort(static (a, b) => a.Order.CompareTo(b.Order));
        return SelectUnknown(unknown);
    }

    private OrchestratorSession SelectUnknown(List<OrchestratorSession> unknown)
    {
        if (_stakes is null)
        {
            return unknown[0];
        }

        // §6.3 on chain: one entry per distinct address, the earliest session standing for it.
        var withAddress = new List<OrchestratorSession>();
        var seen = new HashSet<EthAddress>();
        foreach (var session in unknown)
        {
            if (session.Info.Address is { IsZero: false } address && seen.Add(address))
            {
                withAddress.Add(session);
            }
        }

        if (withAddress.Count == 0)
        {
            return unknown[0];
        }

        var weighted = new WeightedOrchestrator[withAddress.Count];
        for (var i = 0; i < withAddress.Count; i++)
        {
            var info = withAddress[i].Info;
            var address = info.Address!.Value;
            weighted[i] = new WeightedOrchestrator(
                address,
                info.Price?.PerUnit.ToDouble() ?? 0,
                _stakes.GetStake(address)?.ToDouble() ?? 0);
        }

        return withAddress[_probability.Select(weighted, _random)];
    }
}
