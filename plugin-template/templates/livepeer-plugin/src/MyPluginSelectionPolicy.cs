using Livepeer.Abstractions;
using Livepeer.Abstractions.Selection;

namespace MyPlugin;

/// <summary>
/// Chooses the measured session with the lowest latency score; while no session has been measured yet, the
/// first one in discovery order. Ties are broken with the node's <see cref="IRandomSource"/>. The policy is
/// stateless: the <see cref="OrchestratorSessionPool"/> keeps latencies and filters out excluded and
/// too-expensive orchestrators before asking.
/// </summary>
public sealed class MyPluginSelectionPolicy : ISelectionPolicy
{
    private readonly IRandomSource _random;

    /// <summary>Creates the policy; all its chance comes from <paramref name="random"/>.</summary>
    public MyPluginSelectionPolicy(IRandomSource random)
    {
        ArgumentNullException.ThrowIfNull(random);
        _random = random;
    }

    /// <inheritdoc />
    public string Name => MyPluginPlugin.ExtensionName;

    /// <inheritdoc />
    public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var measured = candidates.Where(s => s.LatencyScore is not null).ToList();
        if (measured.Count == 0)
        {
            return candidates.MinBy(s => s.Order);
        }

        var best = measured.Min(s => s.LatencyScore!.Value);
        var tied = measured.Where(s => s.LatencyScore == best).ToList();
        return tied.Count == 1 ? tied[0] : tied[_random.NextInt32(tied.Count)];
    }
}
