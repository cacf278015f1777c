namespace Livepeer.Abstractions.Selection;

/// <summary>
/// A stateless selection policy (MinLS, stake-weighted random, …). The per-stream state lives in the
/// <see cref="OrchestratorSessionPool"/>, which filters the candidates and asks the policy to choose.
/// </summary>
public interface ISelectionPolicy : INamedExtension
{
    /// <summary>
    /// Chooses one of <paramref name="candidates"/> (all eligible, in discovery order), or <c>null</c> to
    /// choose none. Must return an element of the list and must not change it.
    /// </summary>
    OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context);
}
