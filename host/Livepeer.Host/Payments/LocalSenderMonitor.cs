using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Host.Payments;

/// <summary>
/// go-livepeer's <c>LocalSenderMonitor</c> (§4.7): the max float of a sender from the broker's view of its
/// funds and the face value of redemptions in flight, the funds available to a redemption, and change
/// notifications for the redeemer's <c>MonitorMaxFloat</c> stream.
/// </summary>
internal sealed class LocalSenderMonitor(ITicketBroker broker, EthAddress claimant) : IMaxFloatSource
{
    /// <summary>go-livepeer's <c>minDepositPendingRatio</c>: pending redemptions are ignored while deposit ≥ 3 × pending.</summary>
    public const int MinDepositPendingRatio = 3;

    private readonly ConcurrentDictionary<EthAddress, BigInteger> _pending = new();
    private readonly ConcurrentDictionary<EthAddress, ImmutableList<Action>> _subscribers = new();

    /// <summary>The address whose share of the reserve is computed (this node's recipient address).</summary>
    public EthAddress Claimant => claimant;

    /// <summary>
    /// reserveAlloc = (reserve funds remaining + claimed this round) / pool size − claimed by this recipient;
    /// 0 with an empty pool.
    /// </summary>
    public async ValueTask<BigInteger> ReserveAllocAsync(EthAddress sender, CancellationToken cancellationToken)
    {
        var funds = await broker.GetSenderFundsAsync(sender, cancellationToken).ConfigureAwait(false);
        var chain = await broker.GetChainStateAsync(cancellationToken).ConfigureAwait(false);
        if (chain.TranscoderPoolSize <= 0)
        {
            return BigInteger.Zero;
        }

        var claimed = await broker.GetClaimedReserveAsync(sender, claimant, cancellationToken).ConfigureAwait(false);
        return ((funds.ReserveFundsRemaining + funds.ReserveClaimedInCurrentRound) / chain.TranscoderPoolSize) - claimed;
    }

    /// <summary>
    /// maxFloat = reserveAlloc when deposit / pending ≥ 3 (or nothing is pending), else reserveAlloc − pending.
    /// Never below zero (the wire carries it unsigned; upstream would send the magnitude of a negative value).
    /// </summary>
    public async ValueTask<BigInteger> GetMaxFloatAsync(EthAddress sender, CancellationToken cancellationToken)
    {
        var reserveAlloc = await ReserveAllocAsync(sender, cancellationToken).ConfigureAwait(false);
        var pending = Pending(sender);
        if (pending.IsZero)
        {
            return BigInteger.Max(BigInteger.Zero, reserveAlloc);
        }

        var funds = await broker.GetSenderFundsAsync(sender, cancellationToken).ConfigureAwait(false);
        var maxFloat = funds.Deposit >= pending * MinDepositPendingRatio ? reserveAlloc : reserveAlloc - pending;
        return BigInteger.Max(BigInteger.Zero, maxFloat);
    }

    /// <summary>Funds a redemption may draw on: reserveAlloc + deposit − pending.</summary>
    public async ValueTask<BigInteger> AvailableFundsAsync(EthAddress sender, CancellationToken cancellationToken)
    {
        var reserveAlloc = await ReserveAllocAsync(sender, cancellationToken).ConfigureAwait(false);
        var funds = await broker.GetSenderFundsAsync(sender, cancellationToken).ConfigureAwait(false);
        return reserveAlloc + funds.Deposit - Pending(sender);
    }

    /// <summary>Face value of the sender's redemptions in flight.</summary>
    public BigInteger Pending(EthAddress sender) => _pending.TryGetValue(sender, out var amount) ? amount : BigInteger.Zero;

    /// <summary>Adds <paramref name="amount"/> to the sender's pending redemptions (negative to remove) and notifies.</summary>
    public void AddPending(EthAddress sender, BigInteger amount)
    {
        _pending.AddOrUpdate(sender, amount, (_, current) => current + amount);
        _pending.TryRemove(new KeyValuePair<EthAddress, BigInteger>(sender, BigInteger.Zero));
        NotifyChanged(sender);
    }

    /// <summary>Tells the sender's subscribers its max float may have changed.</summary>
    public void NotifyChanged(EthAddress sender)
    {
        if (_subscribers.TryGetValue(sender, out var callbacks))
        {
            foreach (var callback in callbacks)
            {
                callback();
            }
        }
    }

    /// <summary>Calls <paramref name="onChange"/> whenever the sender's max float may have changed, until disposed.</summary>
    public IDisposable Subscribe(EthAddress sender, Action onChange)
    {
        _subscribers.AddOrUpdate(sender, _ => [onChange], (_, list) => list.Add(onChange));
        return new Subscription(() => _subscribers.AddOrUpdate(sender, _ => [], (_, list) => list.Remove(onChange)));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                dispose();
            }
        }
    }
}
