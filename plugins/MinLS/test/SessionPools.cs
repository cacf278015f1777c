using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Selection;

namespace Livepeer.Plugins.MinLS.Tests;

/// <summary>Orchestrators for the tests, and pools whose sessions can be put into a chosen state.</summary>
internal static class SessionPools
{
    public static Uri Uri(int i) => new($"https://o{i}.example:8935");

    public static EthAddress Address(int i)
    {
        var bytes = new byte[EthAddress.Length];
        bytes[0] = 0xAA;
        bytes[^1] = (byte)i;
        return new EthAddress(bytes);
    }

    public static OrchestratorInfo Info(int i, long? price = null, bool withAddress = false) =>
        new(Uri(i)) { Price = price is { } p ? new Price(p, 1) : null, Address = withAddress ? Address(i) : null };

    public static SteerablePool Create(ISelectionPolicy policy, params OrchestratorInfo[] infos) => new(policy, infos);
}

/// <summary>
/// A real <see cref="OrchestratorSessionPool"/> choosing with the policy under test, except that a test can
/// force the next choice to put work in flight on a session of its choosing.
/// </summary>
internal sealed class SteerablePool
{
    private readonly Steering _steering;

    public SteerablePool(ISelectionPolicy policy, IEnumerable<OrchestratorInfo> infos)
    {
        _steering = new Steering(policy);
        Pool = new OrchestratorSessionPool(_steering);
        Pool.Add(infos);
    }

    public OrchestratorSessionPool Pool { get; }

    public IReadOnlyList<OrchestratorSession> Sessions => Pool.Sessions;

    public OrchestratorSession this[int index] => Pool.Sessions[index];

    /// <summary>What the policy under test chooses, counted in flight.</summary>
    public OrchestratorSession? Select(SelectionContext? context = null) => Pool.Select(context ?? SelectionContext.Unconstrained);

    /// <summary>Gives the session a latency score (one completed piece of work).</summary>
    public void Known(int index, double score) => Pool.Complete(Pool.Sessions[index], score);

    /// <summary>Puts one more piece of work in flight on the session.</summary>
    public void Busy(int index)
    {
        _steering.Forced = Pool.Sessions[index];
        Assert.Same(Pool.Sessions[index], Pool.Select(SelectionContext.Unconstrained));
    }

    private sealed class Steering(ISelectionPolicy inner) : ISelectionPolicy
    {
        public OrchestratorSession? Forced { get; set; }

        public string Name => inner.Name;

        public OrchestratorSession? Select(IReadOnlyList<OrchestratorSession> candidates, SelectionContext context)
        {
            if (Forced is { } forced)
            {
                Forced = null;
                return forced;
            }

            return inner.Select(candidates, context);
        }
    }
}
