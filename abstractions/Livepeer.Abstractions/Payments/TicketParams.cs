using System.Numerics;

namespace Livepeer.Abstractions.Payments;

/// <summary>
/// The parameters an orchestrator gives a gateway for writing probabilistic micropayment tickets
/// (<c>net.TicketParams</c>). Big integers are unsigned 256-bit values on the wire.
/// </summary>
/// <param name="Recipient">The orchestrator's address.</param>
/// <param name="FaceValue">The amount a winning ticket pays, in wei.</param>
/// <param name="WinProbability">The winning probability scaled to 2^256 − 1.</param>
/// <param name="RecipientRandHash">keccak-256 of the recipient's secret random number.</param>
/// <param name="Seed">The seed the recipient derived its random number from.</param>
/// <param name="ExpirationBlock">The L1 block after which the parameters expire.</param>
public sealed record TicketParams(
    EthAddress Recipient,
    BigInteger FaceValue,
    BigInteger WinProbability,
    Hash32 RecipientRandHash,
    BigInteger Seed,
    BigInteger ExpirationBlock)
{
    /// <summary>2^256 − 1: the win probability of a ticket that always wins.</summary>
    public static BigInteger MaxWinProbability { get; } = (BigInteger.One << 256) - 1;

    /// <summary>Round and block hash of creation, when the recipient supplies them.</summary>
    public TicketExpirationParams? ExpirationParams { get; init; }

    /// <summary>The expected value of one ticket: face value × win probability / (2^256 − 1), exact.</summary>
    public Rational ExpectedValue => new Rational(FaceValue * WinProbability, MaxWinProbability);
}
