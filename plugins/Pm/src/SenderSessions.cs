using System.Numerics;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// The gateway's ticket sessions, one per set of orchestrator ticket params, keyed by recipientRandHash
/// (go-livepeer <c>sender.StartSession</c>). Each hands out nonces from 1 upward. Unlike upstream, seeing the same
/// params again keeps the counter instead of resetting it to 0, so a nonce is never sent twice for one recipientRand.
/// Sessions whose params have expired are dropped.
/// </summary>
internal sealed class SenderSessions
{
    private readonly ExpiringParamsMap<Counter> _sessions = new();

    /// <summary>Sessions held.</summary>
    public int Count => _sessions.Count;

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive nonces for <paramref name="ticketParams"/> and returns the first,
    /// or null when the recipient would refuse them (more than 600 per recipientRand).
    /// </summary>
    public uint? Reserve(TicketParams ticketParams, int count) =>
        _sessions.Update(ticketParams.RecipientRandHash, ticketParams.ExpirationBlock, session =>
        {
            if (session.LastNonce + count > Tickets.MaxSenderNonces)
            {
                return (uint?)null;
            }

            var first = session.LastNonce + 1;
            session.LastNonce += (uint)count;
            return first;
        });

    /// <summary>Drops sessions whose params expired at or before <paramref name="lastSeenBlock"/>.</summary>
    public void Expire(BigInteger lastSeenBlock) => _sessions.Expire(lastSeenBlock);

    private sealed class Counter
    {
        public uint LastNonce { get; set; }
    }
}
