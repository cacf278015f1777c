namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>A deterministic <see cref="IRandomSource"/>: the same seed gives the same sequence. For tests only.</summary>
public sealed class SeededRandomSource : IRandomSource
{
    private readonly Random _random;
    private readonly Lock _lock = new();

    /// <summary>Creates a source whose sequence is fixed by <paramref name="seed"/>.</summary>
    public SeededRandomSource(int seed)
    {
        // The banned-API rule keeps product code on the injected IRandomSource; this fake *is* that
        // injected source, and a seeded System.Random is exactly the determinism tests need.
#pragma warning disable RS0030
        _random = new Random(seed);
#pragma warning restore RS0030
    }

    /// <inheritdoc />
    public double NextDouble()
    {
        lock (_lock)
        {
            return _random.NextDouble();
        }
    }

    /// <inheritdoc />
    public int NextInt32(int maxExclusive)
    {
        lock (_lock)
        {
            return _random.Next(maxExclusive);
        }
    }

    /// <inheritdoc />
    public void NextBytes(Span<byte> destination)
    {
        lock (_lock)
        {
            _random.NextBytes(destination);
        }
    }
}
