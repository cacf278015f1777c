using System.Collections.Immutable;
using System.Numerics;

namespace Livepeer.Abstractions.Payments;

/// <summary>
/// A ticket that won, with everything the broker needs to redeem it: the sender's 65-byte
/// signature and the recipient's random number (the pre-image of its recipientRandHash).
/// </summary>
public sealed record WinningTicket(Ticket Ticket, ImmutableArray<byte> Signature, BigInteger RecipientRand);
