using System.Numerics;
using Livepeer.Abstractions;
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
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, Session> _sessions = [];
    private BigInteger _cleanedAt = BigInteger.MinusOne;

    /// <summary>Sessions held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>
    /// Reserves <paramref name="count"/> consecutive nonces for <paramref name="ticketParams"/> and returns the first,
    /// or null when the recipient would refuse them (more than 600 per recipientRand).
    /// </summary>
    public uint? Reserve(TicketParams ticketParams, int count)
    {
        lock (_lock)
        {
            if (!_sessions.TryGetValue(ticketParams.RecipientRandHash, out var session))
            {
                session = new Session(ticketParams.ExpirationBlock);
                _sessions.Add(ticketParams.RecipientRandHash, session);
            }

            if (session.LastNonce + count > Tickets.MaxSenderNonces)
            {
                return null;
            }

            var first = session.LastNonce + 1;
            session.LastNonce += (uint)count;
            return first;
        }
    }

    /// <summary>Drops sessions whose params expired at or before <paramref name="lastSeenBlock"/>.</summary>
    public void Expire(BigInteger lastSeenBlock)
    {
        lock (_lock)
        {
            if (lastSeenBlock <= _cleanedAt)
            {
                return;
            }

            _cleanedAt = lastSeenBlock;
            foreach (var (key, session) in _sessions)
            {
                if (session.ExpirationBlock <= lastSeenBlock)
                {
                    _sessions.Remove(key);
                }
            }
        }
    }

    private sealed class Session(BigInteger expirationBlock)
    {
        public BigInteger ExpirationBlock { get; } = expirationBlock;

        public uint LastNonce { get; set; }
    }
}
