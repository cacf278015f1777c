using System.Buffers.Binary;
using System.Numerics;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Abstractions.Payments;

/// <summary>
/// A probabilistic micropayment ticket as the TicketBroker contract sees it
/// (go-livepeer <c>pm.Ticket</c>). Its <see cref="ComputeHash"/> is the tightly packed layout
/// the sender signs and the broker verifies.
/// </summary>
/// <param name="Recipient">The orchestrator paid by the ticket.</param>
/// <param name="Sender">The gateway that signed it.</param>
/// <param name="FaceValue">Wei paid when the ticket wins (uint256).</param>
/// <param name="WinProbability">Win threshold out of 2^256 − 1 (uint256).</param>
/// <param name="SenderNonce">Per-recipientRand counter chosen by the sender.</param>
/// <param name="RecipientRandHash">keccak256 of the recipient's left-padded random number.</param>
/// <param name="CreationRound">Round in which the ticket was created (auxData); 0 with a zero hash means none.</param>
/// <param name="CreationRoundBlockHash">Block hash of <paramref name="CreationRound"/> (auxData).</param>
/// <param name="ParamsExpirationBlock">L1 block at which the ticket params expire (not hashed).</param>
public sealed record Ticket(
    EthAddress Recipient,
    EthAddress Sender,
    BigInteger FaceValue,
    BigInteger WinProbability,
    uint SenderNonce,
    Hash32 RecipientRandHash,
    long CreationRound,
    Hash32 CreationRoundBlockHash,
    BigInteger ParamsExpirationBlock)
{
    /// <summary>Length of the packed encoding without auxData.</summary>
    public const int PackedLengthWithoutAuxData = 20 + 20 + 32 + 32 + 32 + 32;

    /// <summary>Whether the ticket carries auxData (a creation round or its block hash).</summary>
    public bool HasAuxData => CreationRound != 0 || !CreationRoundBlockHash.IsZero;

    /// <summary>The expected value of the ticket in wei: faceValue × winProb / (2^256 − 1), exact.</summary>
    public Rational ExpectedValue => new(FaceValue * WinProbability, TicketParams.MaxWinProbability);

    /// <summary>Writes the tightly packed (<c>abi.encodePacked</c>) encoding and returns its length.</summary>
    public int WritePacked(Span<byte> destination)
    {
        var length = PackedLengthWithoutAuxData + (HasAuxData ? 64 : 0);
        if (destination.Length < length)
        {
            throw new ArgumentException("Destination is too short for the packed ticket.", nameof(destination));
        }

        destination[..length].Clear();
        Recipient.WriteTo(destination[..20]);
        Sender.WriteTo(destination[20..40]);
        WriteUInt256(FaceValue, destination.Slice(40, 32), nameof(FaceValue));
        WriteUInt256(WinProbability, destination.Slice(72, 32), nameof(WinProbability));
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(104 + 28, 4), SenderNonce);
        RecipientRandHash.Span.CopyTo(destination.Slice(136, 32));
        if (HasAuxData)
        {
            WriteUInt256(CreationRound, destination.Slice(168, 32), nameof(CreationRound));
            CreationRoundBlockHash.Span.CopyTo(destination.Slice(200, 32));
        }

        return length;
    }

    /// <summary>keccak256 of the packed encoding: what the sender personal-signs.</summary>
    public Hash32 ComputeHash()
    {
        Span<byte> packed = stackalloc byte[PackedLengthWithoutAuxData + 64];
        var length = WritePacked(packed);
        return Keccak256.Hash(packed[..length]);
    }

    /// <summary>Writes a non-negative integer as a 32-byte big-endian word.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative or wider than 256 bits.</exception>
    public static void WriteUInt256(BigInteger value, Span<byte> destination, string name)
    {
        if (value.Sign < 0 || value.GetByteCount(isUnsigned: true) > 32)
        {
            throw new ArgumentOutOfRangeException(name, "Value must be a uint256.");
        }

        destination[..32].Clear();
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(destination.Slice(32 - count, count), out _, isUnsigned: true, isBigEndian: true);
    }
}
