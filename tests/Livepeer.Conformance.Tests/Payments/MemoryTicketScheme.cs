using System.Collections.Immutable;
using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Conformance.Tests.Payments;

/// <summary>What the reference sender and receiver agree on: a toy ticket scheme with fixed-size fake signatures.</summary>
public static class MemoryTicketScheme
{
    public const string Name = "memory-tickets";

    public const int SignatureLength = 65;

    public static EthAddress Recipient { get; } = EthAddress.Parse("0x00000000000000000000000000000000000000aa");

    /// <summary>Writes <paramref name="count"/> tickets against <paramref name="ticketParams"/>, nonces from <paramref name="firstNonce"/>.</summary>
    public static Payment Write(TicketParams ticketParams, Price price, EthAddress sender, int count, uint firstNonce)
    {
        var tickets = Enumerable.Range(0, count)
            .Select(i => new TicketSenderParams(firstNonce + (uint)i, ImmutableArray.Create(new byte[SignatureLength])))
            .ToList();
        return new Payment(sender, price) { TicketParams = ticketParams, ExpirationParams = ticketParams.ExpirationParams, Tickets = tickets };
    }

    /// <summary>Tickets of EV <paramref name="ev"/> needed to cover <paramref name="fee"/>.</summary>
    public static int TicketsFor(Rational fee, Rational ev) =>
        fee.Sign <= 0 || ev.IsZero ? 0 : (int)BigInteger.Min((fee / ev).Ceiling(), 100);
}
