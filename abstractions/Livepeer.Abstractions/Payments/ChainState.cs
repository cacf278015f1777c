using System.Numerics;

namespace Livepeer.Abstractions.Payments;

/// <summary>
/// The view of the chain the ticket protocol needs: the last seen L1 block, the last initialized
/// round and its block hash, the active orchestrator pool size and the gas price.
/// </summary>
/// <param name="LastSeenBlock">Latest L1 block number (ticket params expire 40 blocks after it).</param>
/// <param name="LastInitializedRound">The current round.</param>
/// <param name="LastInitializedRoundBlockHash">Block hash recorded for the current round.</param>
/// <param name="PreviousRoundBlockHash">Block hash of the round before (used when the current one is zero).</param>
/// <param name="TranscoderPoolSize">Number of active orchestrators sharing a sender's reserve.</param>
/// <param name="GasPrice">Current gas price in wei (0 when unknown).</param>
public sealed record ChainState(
    BigInteger LastSeenBlock,
    long LastInitializedRound,
    Hash32 LastInitializedRoundBlockHash,
    Hash32 PreviousRoundBlockHash,
    int TranscoderPoolSize,
    BigInteger GasPrice);
