using Livepeer.Abstractions;
using Livepeer.Abstractions.Selection;

namespace Livepeer.Conformance.Tests.Selection;

/// <summary>
/// Reference policy: the earliest session never measured, else the lowest latency score, ties broken at
/// random (so that the seeded random source matters).
/// </summary>
public sealed class FirstUnknownThenLowestLatencyPolicy(IRandomSource random) : ISelectionPolicy
{
    public string Name => "first-unknown";

    public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context)
    {
        if (candidates.Count == 0)
        {
            return null;
        }

        var unknown = candidates.Where(s => s.LatencyScore is null).MinBy(s => s.Order);
        if (unknown is not null)
        {
            return unknown;
        }

        var best = candidates.Min(s => s.LatencyScore!.Value);
        var tied = candidates.Where(s => s.LatencyScore == best).ToList();
        return tied[random.NextInt32(tied.Count)];
    }
}
