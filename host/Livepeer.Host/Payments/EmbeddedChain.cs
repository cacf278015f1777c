using System.Globalization;
using System.Numerics;
using System.Text;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Host.Payments;

/// <summary>
/// The embedded broker's chain, driven by the clock alone: block = ⌊Unix time / block interval⌋,
/// round = ⌊block / round length⌋, and a round's block hash = keccak256("livepeer-embedded-round:" + round).
/// Every node with the same settings computes the same numbers without talking to another, so a
/// gateway and an orchestrator agree on when ticket params expire.
/// </summary>
internal sealed class EmbeddedChain(BrokerOptions options, TimeProvider time)
{
    public BrokerOptions Options => options;

    /// <summary>The latest block.</summary>
    public long CurrentBlock => BlockAt(time.GetUtcNow());

    /// <summary>The current round.</summary>
    public long CurrentRound => CurrentBlock / options.RoundLength;

    /// <summary>The block at <paramref name="instant"/>.</summary>
    public long BlockAt(DateTimeOffset instant) =>
        Math.Max(0, instant.ToUnixTimeMilliseconds()) / Math.Max(1, (long)options.BlockInterval.TotalMilliseconds);

    /// <summary>When <paramref name="block"/> starts.</summary>
    public DateTimeOffset StartOf(long block) =>
        DateTimeOffset.FromUnixTimeMilliseconds(checked(block * Math.Max(1, (long)options.BlockInterval.TotalMilliseconds)));

    /// <summary>The block hash recorded for <paramref name="round"/>; zero for a round that has not started.</summary>
    public Hash32 RoundBlockHash(long round) =>
        round < 0 || round > CurrentRound ? Hash32.Zero : Keccak256.Hash(Encoding.ASCII.GetBytes("livepeer-embedded-round:" + round.ToString(CultureInfo.InvariantCulture)));

    /// <summary>The chain state the ticket protocol reads.</summary>
    public Abstractions.Payments.ChainState State()
    {
        var block = CurrentBlock;
        var round = block / options.RoundLength;
        return new Abstractions.Payments.ChainState(
            new BigInteger(block),
            round,
            RoundBlockHash(round),
            round > 0 ? RoundBlockHash(round - 1) : Hash32.Zero,
            options.PoolSize,
            options.GasPrice);
    }
}
