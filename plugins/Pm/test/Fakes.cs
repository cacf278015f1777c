using System.Collections.Concurrent;
using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>A broker whose chain state and sender funds the test sets.</summary>
internal sealed class FakeBroker : ITicketBroker
{
    public static Hash32 RoundHash { get; } = Hash32.Parse("0x41b1a0649752af1b28b3dc29a1556eee781e4a4c3a1f7f53f90fa834de098c4d");

    public ChainState Chain { get; set; } = new(1000, 7, RoundHash, Hash32.Zero, 10, 0);

    public SenderFunds Funds { get; set; } = new(BigInteger.Pow(10, 18), BigInteger.Pow(10, 18), 0, 0);

    public ValueTask<SenderFunds> GetSenderFundsAsync(EthAddress sender, CancellationToken cancellationToken) => ValueTask.FromResult(Funds);

    public ValueTask<BigInteger> GetClaimedReserveAsync(EthAddress sender, EthAddress claimant, CancellationToken cancellationToken) => ValueTask.FromResult(BigInteger.Zero);

    public ValueTask<ChainState> GetChainStateAsync(CancellationToken cancellationToken) => ValueTask.FromResult(Chain);

    public ValueTask<bool> IsUsedTicketAsync(Hash32 ticketHash, CancellationToken cancellationToken) => ValueTask.FromResult(false);

    public ValueTask RedeemWinningTicketAsync(WinningTicket ticket, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    /// <summary>Moves the chain to <paramref name="block"/>.</summary>
    public void AdvanceTo(BigInteger block) => Chain = Chain with { LastSeenBlock = block };
}

/// <summary>A max float fixed by the test.</summary>
internal sealed class FakeMaxFloat : IMaxFloatSource
{
    public BigInteger Value { get; set; } = BigInteger.Pow(10, 18);

    public ValueTask<BigInteger> GetMaxFloatAsync(EthAddress sender, CancellationToken cancellationToken) => ValueTask.FromResult(Value);
}

/// <summary>Records winning tickets; optionally holds every enqueue until released.</summary>
internal sealed class RecordingQueue : IWinningTicketQueue
{
    private TaskCompletionSource? _gate;

    public ConcurrentQueue<WinningTicket> Tickets { get; } = new();

    /// <summary>Enqueues from now on wait for <see cref="Release"/>.</summary>
    public void Hold() => _gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _gate?.TrySetResult();

    public async ValueTask EnqueueAsync(WinningTicket ticket, CancellationToken cancellationToken)
    {
        if (_gate is { } gate)
        {
            await gate.Task.WaitAsync(cancellationToken);
        }

        Tickets.Enqueue(ticket);
    }
}
