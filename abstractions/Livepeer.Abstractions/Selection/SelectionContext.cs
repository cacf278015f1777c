namespace Livepeer.Abstractions.Selection;

/// <summary>Constraints on one selection.</summary>
public sealed record SelectionContext
{
    /// <summary>No constraints.</summary>
    public static SelectionContext Unconstrained { get; } = new();

    /// <summary>The highest acceptable price per unit in wei; <c>null</c> for no limit.</summary>
    public Rational? MaxPricePerUnit { get; init; }

    /// <summary>The most work a session may have in flight to be chosen; <c>null</c> for no limit.</summary>
    public int? MaxInFlight { get; init; }

    /// <summary>Service URIs not to choose (for example the orchestrator that just failed).</summary>
    public IReadOnlySet<Uri> Excluded { get; init; } = new HashSet<Uri>();
}
