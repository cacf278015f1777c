namespace Livepeer.Abstractions.Payments;

/// <summary>The round a ticket was created in and that round's block hash (<c>net.TicketExpirationParams</c>).</summary>
/// <param name="CreationRound">The creation round.</param>
/// <param name="CreationRoundBlockHash">The block hash of the creation round.</param>
public sealed record TicketExpirationParams(long CreationRound, Hash32 CreationRoundBlockHash);
