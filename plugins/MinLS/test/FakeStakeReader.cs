using Livepeer.Abstractions;

namespace Livepeer.Plugins.MinLS.Tests;

/// <summary>Stakes from a function; <c>null</c> means unknown.</summary>
internal sealed class FakeStakeReader(Func<EthAddress, Rational?> stakes) : IStakeReader
{
    public FakeStakeReader(IReadOnlyDictionary<EthAddress, long> stakes)
        : this(a => stakes.TryGetValue(a, out var s) ? s : null)
    {
    }

    public Rational? GetStake(EthAddress orchestrator) => stakes(orchestrator);
}
