using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// The nonces seen per recipientRand (go-livepeer <c>recipient.updateSenderNonce</c>): a nonce is accepted once, at
/// most 600 per recipientRand, and an entry is dropped once its params' expiration block is reached
/// (<c>senderNoncesCleanupLoop</c>; here on the next payment that sees a newer block instead of a block subscription).
/// Keyed by recipientRandHash, which identifies the recipientRand one to one.
/// </summary>
internal sealed class SenderNonces
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Hash32, Entry> _entries = [];
    private BigInteger _cleanedAt = BigInteger.MinusOne;

    /// <summary>Entries held (for tests and metrics).</summary>
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

    /// <summary>Records <paramref name="nonce"/>; returns upstream's error text when it was seen or the limit is reached, else null.</summary>
    public string? TryRecord(Hash32 recipientRandHash, BigInteger expirationBlock, EthAddress sender, uint nonce)
    {
        lock (_lock)
        {
            if (!_entries.TryGetValue(recipientRandHash, out var entry))
            {
                entry = new Entry(expirationBlock);
                _entries.Add(recipientRandHash, entry);
            }
            else if (entry.Seen.Contains(nonce))
            {
                return $"invalid ticket senderNonce: already seen sender={sender.ToChecksumString()} nonce={nonce}";
            }

            if (entry.Seen.Count >= Tickets.MaxSenderNonces)
            {
                return $"invalid ticket senderNonce: too many values sender={sender.ToChecksumString()} nonce={nonce}";
            }

            entry.Seen.Add(nonce);
            return null;
        }
    }

    /// <summary>Drops every entry whose expiration block is at or below <paramref name="lastSeenBlock"/>.</summary>
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

    private sealed class Entry(BigInteger expirationBlock)
    {
        public BigInteger ExpirationBlock { get; } = expirationBlock;

        public HashSet<uint> Seen { get; } = [];
    }
}
