using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm;

/// <summary>go-livepeer's pm constants (reference §4.1) and the integer encodings the ticket protocol uses.</summary>
internal static class Tickets
{
    /// <summary>Nonces a recipient records per recipientRand before refusing more (<c>maxSenderNonces</c>).</summary>
    public const int MaxSenderNonces = 600;

    /// <summary>Ticket params expire this many L1 blocks after they are issued (<c>paramsExpirationBlock</c>).</summary>
    public const int ParamsExpirationBlocks = 40;

    /// <summary>A sender refuses params expiring within this many blocks (<c>paramsExpiryBuffer</c>).</summary>
    public const int ParamsExpiryBuffer = 1;

    /// <summary>Face value is at least this many ticket EVs (<c>evMultiplier</c>).</summary>
    public const int EVMultiplier = 100;

    /// <summary>Face value aims at this many redemption costs (<c>txCostMultiplier</c>).</summary>
    public const int TxCostMultiplier = 100;

    /// <summary>The gas price the second face value floor is priced at (<c>avgGasPrice</c>, 3 gwei).</summary>
    public static BigInteger AverageGasPrice { get; } = 3_000_000_000;

    /// <summary>2^256 − 1, the largest uint256 and the win probability of a ticket that always wins.</summary>
    public static BigInteger MaxUInt256 => TicketParams.MaxWinProbability;

    /// <summary>Whether <paramref name="value"/> fits a uint256 (non-negative, at most 256 bits).</summary>
    public static bool IsUInt256(BigInteger value) => value.Sign >= 0 && value <= MaxUInt256;

    /// <summary>go's <c>big.Int.Bytes()</c>: minimal big-endian, and empty for zero.</summary>
    public static byte[] MinimalBytes(BigInteger value) =>
        value.IsZero ? [] : value.ToByteArray(isUnsigned: true, isBigEndian: true);

    /// <summary>A uint256 as 32 big-endian bytes (<c>LeftPadBytes(x.Bytes(), 32)</c>).</summary>
    public static void WriteLeftPadded(BigInteger value, Span<byte> destination) =>
        Ticket.WriteUInt256(value, destination, nameof(value));

    /// <summary>keccak256(leftpad32(recipientRand)): what ticket params carry as recipientRandHash.</summary>
    public static Hash32 RecipientRandHash(BigInteger recipientRand)
    {
        Span<byte> padded = stackalloc byte[32];
        WriteLeftPadded(recipientRand, padded);
        return Keccak256.Hash(padded);
    }

    /// <summary>A ticket's auxData as the recipientRand HMAC hashes it: empty, or leftpad32(round) ‖ block hash.</summary>
    public static byte[] AuxData(TicketExpirationParams? expiration)
    {
        if (expiration is null || (expiration.CreationRound == 0 && expiration.CreationRoundBlockHash.IsZero))
        {
            return [];
        }

        var aux = new byte[64];
        WriteLeftPadded(expiration.CreationRound, aux.AsSpan(0, 32));
        expiration.CreationRoundBlockHash.Span.CopyTo(aux.AsSpan(32));
        return aux;
    }

    /// <summary>The ticket EV, faceValue × winProb / (2^256 − 1), exact.</summary>
    public static Rational ExpectedValue(BigInteger faceValue, BigInteger winProb) => new(faceValue * winProb, MaxUInt256);
}
