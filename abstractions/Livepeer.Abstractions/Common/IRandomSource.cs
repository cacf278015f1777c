namespace Livepeer.Abstractions;

/// <summary>
/// The node's source of randomness. Injected everywhere a policy or protocol needs chance
/// (selection, IDs, ticket seeds) so that tests can make it deterministic.
/// </summary>
public interface IRandomSource
{
    /// <summary>A uniformly distributed value in [0, 1).</summary>
    double NextDouble();

    /// <summary>A uniformly distributed integer in [0, <paramref name="maxExclusive"/>).</summary>
    int NextInt32(int maxExclusive);

    /// <summary>Fills <paramref name="destination"/> with random bytes; cryptographically strong in the product.</summary>
    void NextBytes(Span<byte> destination);
}
