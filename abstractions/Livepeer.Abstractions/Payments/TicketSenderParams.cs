using System.Collections.Immutable;

namespace Livepeer.Abstractions.Payments;

/// <summary>One ticket of a payment: its nonce and the sender's signature (<c>net.TicketSenderParams</c>).</summary>
/// <param name="SenderNonce">The nonce, unique per recipient random number.</param>
/// <param name="Signature">The 65-byte signature over the ticket hash.</param>
public sealed record TicketSenderParams(uint SenderNonce, ImmutableArray<byte> Signature);
