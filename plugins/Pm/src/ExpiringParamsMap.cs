using System.Numerics;
using Livepeer.Abstractions;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// Per-ticket-params state keyed by recipientRandHash, dropped once the params' expiration block is reached. Both
/// sides keep one: the recipient's seen nonces, the sender's nonce counters. Every access runs under one lock.
/// </summary>
/// <typeparam name="T">The state kept per params; created empty on first use.</typeparam>
internal sealed class ExpiringParamsMap<T>
    where T : class, new()
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, (BigInteger ExpirationBlock, T State)> _entries = [];
    private BigInteger _cleanedAt = BigInteger.MinusOne;

    /// <summary>Entries held.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="update"/> on the state of <paramref name="recipientRandHash"/>, creating it if new.</summary>
    public TResult Update<TResult>(Hash32 recipientRandHash, BigInteger expirationBlock, Func<T, TResult> update)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(recipientRandHash, out var entry))
            {
                entry = (expirationBlock, new T());
                _entries.Add(recipientRandHash, entry);
            }

            return update(entry.State);
        }
    }

    /// <summary>Drops every entry whose expiration block is at or below <paramref name="lastSeenBlock"/> (once per block).</summary>
    public void Expire(BigInteger lastSeenBlock)
    {
        lock (_lock)
        {
            if (lastSeenBlock <= _cleanedAt)
            {
                return;
            }

            _cleanedAt = lastSeenBlock;
            foreach (var (key, entry) in _entries)
            {
                if (entry.ExpirationBlock <= lastSeenBlock)
                {
                    _entries.Remove(key);
                }
            }
        }
    }
}
