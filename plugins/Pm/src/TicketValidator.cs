using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// go-livepeer's <c>pm.validator</c> (reference §4.3): ticket validity in upstream's order with its error texts,
/// and the win check.
/// </summary>
internal sealed class TicketValidator(ISignatureVerifier verifier)
{
    /// <summary>The ticket is not for this orchestrator.</summary>
    public const string InvalidRecipient = "invalid ticket recipient";

    /// <summary>The ticket's sender is the zero address.</summary>
    public const string InvalidSender = "invalid ticket sender";

    /// <summary>The params were not issued by this orchestrator (or were altered): the recipientRand does not hash to them.</summary>
    public const string InvalidRecipientRand = "invalid recipientRand for ticket recipientRandHash";

    /// <summary>The signature is malformed or not the sender's (the one non-fatal validity error).</summary>
    public const string InvalidSignature = "invalid ticket signature";

    /// <summary>
    /// The checks that are the same for every ticket of a payment: recipient, sender, recipientRand.
    /// Returns the error text, or null.
    /// </summary>
    public static string? ValidateParams(EthAddress recipient, EthAddress ticketRecipient, EthAddress sender, Hash32 recipientRandHash, BigInteger recipientRand)
    {
        if (ticketRecipient != recipient)
        {
            return InvalidRecipient;
        }

        if (sender.IsZero)
        {
            return InvalidSender;
        }

        return Tickets.RecipientRandHash(recipientRand) != recipientRandHash ? InvalidRecipientRand : null;
    }

    /// <summary>Whether <paramref name="signature"/> is the ticket sender's personal_sign of <paramref name="ticketHash"/>.</summary>
    public bool HasValidSignature(EthAddress sender, Hash32 ticketHash, ReadOnlySpan<byte> signature) =>
        verifier.VerifyMessage(sender, ticketHash.Span, signature) == SignatureStatus.Valid;

    /// <summary><c>IsWinningTicket</c>: uint256(keccak256(sig ‖ leftpad32(recipientRand))) &lt; winProb.</summary>
    public static bool IsWinning(ReadOnlySpan<byte> signature, BigInteger recipientRand, BigInteger winProb)
    {
        var buffer = signature.Length + 32 <= 256 ? stackalloc byte[signature.Length + 32] : new byte[signature.Length + 32];
        signature.CopyTo(buffer);
        Tickets.WriteLeftPadded(recipientRand, buffer[signature.Length..]);
        Span<byte> hash = stackalloc byte[32];
        Keccak256.HashData(buffer, hash);
        return new BigInteger(hash, isUnsigned: true, isBigEndian: true) < winProb;
    }
}
