using System.Numerics;
using System.Security.Cryptography;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm;

/// <summary>
/// The recipient's 32-byte secret and the recipientRand it derives (reference §4.4 step 6):
/// <c>HMAC-SHA256(secret, seed ‖ sender ‖ faceValue ‖ winProb ‖ expirationBlock ‖ price.num ‖ price.denom ‖ auxData)</c>,
/// every integer in go's minimal big-endian form. The secret lives in memory only, so params issued before a
/// restart are refused after it, as upstream's are.
/// </summary>
internal sealed class RecipientRandSecret
{
    private readonly byte[] _secret;

    /// <summary>Uses <paramref name="secret"/> (32 bytes).</summary>
    public RecipientRandSecret(ReadOnlySpan<byte> secret)
    {
        if (secret.Length != 32)
        {
            throw new ArgumentException("The recipient secret is 32 bytes.", nameof(secret));
        }

        _secret = secret.ToArray();
    }

    /// <summary>A fresh random secret.</summary>
    public static RecipientRandSecret Create() => new(RandomNumberGenerator.GetBytes(32));

    /// <summary>The recipientRand of one set of ticket params. All integers must be uint256s.</summary>
    public BigInteger Derive(
        BigInteger seed, EthAddress sender, BigInteger faceValue, BigInteger winProb, BigInteger expirationBlock,
        Price price, TicketExpirationParams? expiration)
    {
        var perUnit = price.PerUnit; // reduced, as go's big.Rat is: 0 is 0/1
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _secret);
        hmac.AppendData(Tickets.MinimalBytes(seed));
        hmac.AppendData(sender.ToArray());
        hmac.AppendData(Tickets.MinimalBytes(faceValue));
        hmac.AppendData(Tickets.MinimalBytes(winProb));
        hmac.AppendData(Tickets.MinimalBytes(expirationBlock));
        hmac.AppendData(Tickets.MinimalBytes(perUnit.Numerator));
        hmac.AppendData(Tickets.MinimalBytes(perUnit.Denominator));
        hmac.AppendData(Tickets.AuxData(expiration));
        Span<byte> mac = stackalloc byte[32];
        hmac.GetHashAndReset(mac);
        return new BigInteger(mac, isUnsigned: true, isBigEndian: true);
    }
}
