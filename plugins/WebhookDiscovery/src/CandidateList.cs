using System.Collections.ObjectModel;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Plugins.WebhookDiscovery;

/// <summary>
/// What the source last learned: the candidates, the hash of the body they came from (to skip rebuilding an
/// unchanged answer) and when the webhook was last asked. Immutable; replaced whole.
/// </summary>
internal sealed record CandidateList(ReadOnlyCollection<OrchestratorCandidate> Candidates, byte[]? BodyHash, DateTimeOffset? LastAttempt)
{
    /// <summary>Nothing known and never asked.</summary>
    public static CandidateList Initial { get; } = new(ReadOnlyCollection<OrchestratorCandidate>.Empty, null, null);
}
