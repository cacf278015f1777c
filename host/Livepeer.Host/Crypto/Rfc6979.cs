using System.Numerics;
using System.Security.Cryptography;

namespace Livepeer.Host.Crypto;

/// <summary>
/// Deterministic ECDSA nonces (RFC 6979 §3.2) with HMAC-SHA256 for a 256-bit curve order, the nonce
/// function go-ethereum and libsecp256k1 use (no extra entropy), so equal inputs give equal signatures.
/// </summary>
internal static class Rfc6979
{
    /// <summary>Candidate nonces in order; the caller takes the first that yields a usable signature.</summary>
    public static IEnumerable<BigInteger> Nonces(byte[] privateKey, byte[] digest, BigInteger order)
    {
        // bits2octets(h1): the digest reduced mod n (qlen = hlen = 256 bits, so no shift).
        var reduced = ToBytes32(new BigInteger(digest, isUnsigned: true, isBigEndian: true) % order);
        var v = new byte[32];
        Array.Fill(v, (byte)0x01);
        var k = new byte[32];
        k = HMACSHA256.HashData(k, Concat(v, 0x00, privateKey, reduced));
        v = HMACSHA256.HashData(k, v);
        k = HMACSHA256.HashData(k, Concat(v, 0x01, privateKey, reduced));
        v = HMACSHA256.HashData(k, v);
        while (true)
        {
            v = HMACSHA256.HashData(k, v);
            var candidate = new BigInteger(v, isUnsigned: true, isBigEndian: true);
            if (candidate.Sign > 0 && candidate < order)
            {
                yield return candidate;
            }

            k = HMACSHA256.HashData(k, Concat(v, 0x00, [], []));
            v = HMACSHA256.HashData(k, v);
        }
    }

    private static byte[] Concat(byte[] v, byte separator, byte[] key, byte[] digest) => [.. v, separator, .. key, .. digest];

    public static byte[] ToBytes32(BigInteger value)
    {
        var bytes = new byte[32];
        WriteBytes32(value, bytes);
        return bytes;
    }

    public static void WriteBytes32(BigInteger value, Span<byte> destination)
    {
        destination[..32].Clear();
        var count = value.GetByteCount(isUnsigned: true);
        value.TryWriteBytes(destination[(32 - count)..32], out _, isUnsigned: true, isBigEndian: true);
    }
}
