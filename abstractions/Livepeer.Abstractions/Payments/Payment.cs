namespace Livepeer.Abstractions.Payments;

/// <summary>
/// A payment as it travels in the <c>Livepeer-Payment</c> header (<c>net.Payment</c>): the price the
/// sender expects and zero or more tickets written against one set of ticket parameters.
/// </summary>
/// <param name="Sender">The paying gateway's address.</param>
/// <param name="ExpectedPrice">The price the sender believes it is paying.</param>
public sealed record Payment(EthAddress Sender, Orchestrators.Price ExpectedPrice)
{
    /// <summary>The ticket parameters the tickets were written against; absent for a ticketless payment.</summary>
    public TicketParams? TicketParams { get; init; }

    /// <summary>Creation round and block hash the tickets use.</summary>
    public TicketExpirationParams? ExpirationParams { get; init; }

    /// <summary>The tickets.</summary>
    public IReadOnlyList<TicketSenderParams> Tickets { get; init; } = [];
}
