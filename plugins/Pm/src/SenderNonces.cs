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
    private readonly ExpiringParamsMap<HashSet<uint>> _seen = new();

    /// <summary>Entries held (for tests and metrics).</summary>
    public int Count => _seen.Count;

    /// <summary>Records <paramref name="nonce"/>; returns upstream's error text when it was seen or the limit is reached, else null.</summary>
    public string? TryRecord(Hash32 recipientRandHash, BigInteger expirationBlock, EthAddress sender, uint nonce) =>
        _seen.Update(recipientRandHash, expirationBlock, seen =>
        {
            if (seen.Contains(nonce))
            {
                return $"invalid ticket senderNonce: already seen sender={sender.ToChecksumString()} nonce={nonce}";
            }

            if (seen.Count >= Tickets.MaxSenderNonces)
            {
                return $"invalid ticket senderNonce: too many values sender={sender.ToChecksumString()} nonce={nonce}";
            }

            seen.Add(nonce);
            return null;
        });

    /// <summary>Drops every entry whose expiration block is at or below <paramref name="lastSeenBlock"/>.</summary>
    public void Expire(BigInteger lastSeenBlock) => _seen.Expire(lastSeenBlock);
}
