using Livepeer.Abstractions;

namespace Livepeer.Plugins.MinLS.Tests;

/// <summary>Returns the given doubles in turn (cycling), so a test picks exactly where each draw lands.</summary>
internal sealed class ScriptedRandomSource(params double[] draws) : IRandomSource
{
    private int _next;

    public int Draws => _next;

    public double NextDouble() => draws[_next++ % draws.Length];

    public int NextInt32(int maxExclusive) => (int)(NextDouble() * maxExclusive);

    public void NextBytes(Span<byte> destination) => throw new NotSupportedException();
}
