using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// The orchestrator's ticket parameters for one sender at one price (go-livepeer <c>recipient.TicketParams</c>,
/// reference §4.4). Nothing is stored: the recipientRand is re-derived from the params a payment carries.
/// </summary>
internal sealed class TicketParamsIssuer(PmOptions options, RecipientRandSecret secret)
{
    /// <summary>Upstream's <c>errInsufficientSenderReserve</c>.</summary>
    public const string InsufficientSenderReserve = "insufficient sender reserve";

    /// <summary>Issues params for <paramref name="sender"/> at <paramref name="price"/>.</summary>
    /// <exception cref="PaymentException">The sender's max float cannot cover a ticket ("insufficient sender reserve").</exception>
    public TicketParams Issue(EthAddress recipient, EthAddress sender, Price price, BigInteger maxFloat, ChainState chain, ReadOnlySpan<byte> seedBytes)
    {
        var seed = new BigInteger(seedBytes, isUnsigned: true, isBigEndian: true);
        var faceValue = price.IsFree ? BigInteger.Zero : FaceValue(maxFloat, chain.GasPrice);
        var expirationBlock = chain.LastSeenBlock + Tickets.ParamsExpirationBlocks;
        var winProb = WinProbability(faceValue);
        var expiration = ExpirationParams(chain);
        var recipientRand = secret.Derive(seed, sender, faceValue, winProb, expirationBlock, price, expiration);
        return new TicketParams(recipient, faceValue, winProb, Tickets.RecipientRandHash(recipientRand), seed, expirationBlock)
        {
            ExpirationParams = expiration,
        };
    }

    /// <summary>
    /// <c>recipient.faceValue</c>: 100 redemption costs, at least 100 ticket EVs, capped by the sender's max float and
    /// <c>MaxFaceValue</c>; refused when the cap leaves less than one EV or less than a redemption costs.
    /// </summary>
    public BigInteger FaceValue(BigInteger maxFloat, BigInteger gasPrice)
    {
        var txCost = options.RedeemGas * BigInteger.Max(gasPrice, BigInteger.Zero);
        var faceValue = txCost * Tickets.TxCostMultiplier;
        if (faceValue < options.TicketEV)
        {
            faceValue = options.TicketEV * Tickets.EVMultiplier;
        }

        faceValue = BigInteger.Min(faceValue, maxFloat);
        if (options.MaxFaceValue.Sign > 0)
        {
            faceValue = BigInteger.Min(faceValue, options.MaxFaceValue);
        }

        if (faceValue < options.TicketEV ||
            (faceValue < txCost && faceValue < options.RedeemGas * Tickets.AverageGasPrice))
        {
            throw new PaymentException(InsufficientSenderReserve);
        }

        return faceValue;
    }

    /// <summary>
    /// <c>recipient.winProb</c>: the probability (scaled to 2^256 − 1) that makes faceValue × winProb = EV, rounded up:
    /// 0 for a zero face value, certain when face value equals EV, else EV × ceil((2^256 − 1) / faceValue).
    /// </summary>
    public BigInteger WinProbability(BigInteger faceValue)
    {
        if (faceValue.IsZero)
        {
            return BigInteger.Zero;
        }

        if (faceValue == options.TicketEV)
        {
            return Tickets.MaxUInt256;
        }

        var quotient = BigInteger.DivRem(Tickets.MaxUInt256, faceValue, out var remainder);
        return options.TicketEV * (remainder.IsZero ? quotient : quotient + 1);
    }

    /// <summary>
    /// The current round and its block hash; the previous round when the hash is zero (upstream's Arbitrum
    /// workaround). A chain without rounds yet gives round 0 and no hash (no auxData) rather than round −1.
    /// </summary>
    public static TicketExpirationParams ExpirationParams(ChainState chain)
    {
        if (!chain.LastInitializedRoundBlockHash.IsZero)
        {
            return new TicketExpirationParams(chain.LastInitializedRound, chain.LastInitializedRoundBlockHash);
        }

        return chain.LastInitializedRound > 0
            ? new TicketExpirationParams(chain.LastInitializedRound - 1, chain.PreviousRoundBlockHash)
            : new TicketExpirationParams(0, Hash32.Zero);
    }
}
