using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Byoc;

/// <summary>
/// How a BYOC capability is advertised: name, description, capacity and price per second of compute
/// (upstream's <c>price_per_unit / price_scaling</c>, carried as <see cref="Price.PricePerUnit"/> /
/// <see cref="Price.PixelsPerUnit"/>).
/// </summary>
/// <param name="Name">The capability name (the constraint of capability 37).</param>
/// <param name="Capacity">Concurrent jobs and streams it takes.</param>
/// <param name="PricePerSecond">The price of one second of compute.</param>
public sealed record ByocCapabilityInfo(string Name, int Capacity, Price PricePerSecond)
{
    /// <summary>A human-readable description.</summary>
    public string Description { get; init; } = "";
}
