using System.Numerics;

namespace Livepeer.Host.Crypto;

/// <summary>
/// secp256k1 in managed code over <see cref="BigInteger"/> (Jacobian coordinates, Shamir's trick for
/// recovery). Correct but about two orders of magnitude slower than libsecp256k1: the fallback for a
/// machine without <c>libsecp256k1-1</c>, and the second implementation the tests compare against.
/// Not constant-time; the node signs with it only when the native library is missing.
/// </summary>
internal sealed class ManagedSecp256k1 : ISecp256k1
{
    private static readonly BigInteger P = Parse("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEFFFFFC2F");
    private static readonly BigInteger N = Parse("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141");
    private static readonly BigInteger HalfN = N >> 1;
    private static readonly BigInteger SqrtExponent = (P + 1) >> 2;
    private static readonly Point G = new(
        Parse("79BE667EF9DCBBAC55A06295CE870B07029BFCDB2DCE28D959F2815B16F81798"),
        Parse("483ADA7726A3C4655DA4FBFC0E1108A8FD17B448A68554199C47D08FFB10D4B8"),
        BigInteger.One);

    public string Name => "managed";

    public bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey)
    {
        if (privateKey.Length != 32)
        {
            return false;
        }

        var d = new BigInteger(privateKey, isUnsigned: true, isBigEndian: true);
        return d.Sign > 0 && d < N;
    }

    public void GetPublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey)
    {
        if (!IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("Not a secp256k1 private key.", nameof(privateKey));
        }

        var (x, y) = ToAffine(Multiply(G, new BigInteger(privateKey, isUnsigned: true, isBigEndian: true)));
        Rfc6979.WriteBytes32(x, publicKey);
        Rfc6979.WriteBytes32(y, publicKey[32..]);
    }

    public void Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest, Span<byte> signature)
    {
        if (digest.Length != 32 || signature.Length < 65)
        {
            throw new ArgumentException("Sign needs a 32-byte digest and 65 bytes of room.");
        }

        if (!IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("Not a secp256k1 private key.", nameof(privateKey));
        }

        var d = new BigInteger(privateKey, isUnsigned: true, isBigEndian: true);
        var z = new BigInteger(digest, isUnsigned: true, isBigEndian: true);
        foreach (var k in Rfc6979.Nonces(privateKey.ToArray(), digest.ToArray(), N))
        {
            var (x, y) = ToAffine(Multiply(G, k));
            var r = x % N;
            if (r.IsZero)
            {
                continue;
            }

            var s = BigInteger.ModPow(k, N - 2, N) * (z + (r * d)) % N;
            if (s.IsZero)
            {
                continue;
            }

            var recoveryId = (y.IsEven ? 0 : 1) | (x >= N ? 2 : 0);
            if (s > HalfN)
            {
                s = N - s;
                recoveryId ^= 1;
            }

            Rfc6979.WriteBytes32(r, signature);
            Rfc6979.WriteBytes32(s, signature[32..]);
            signature[64] = (byte)(27 + recoveryId);
            return;
        }
    }

    public bool TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, int recoveryId, Span<byte> publicKey)
    {
        if (digest.Length != 32 || signature.Length < 64 || recoveryId is < 0 or > 1 || publicKey.Length < 64)
        {
            return false;
        }

        var r = new BigInteger(signature[..32], isUnsigned: true, isBigEndian: true);
        var s = new BigInteger(signature[32..64], isUnsigned: true, isBigEndian: true);
        if (r.IsZero || r >= N || s.IsZero || s >= N)
        {
            return false;
        }

        // SEC1 §4.1.6: R is the point with x = r and the y parity in the recovery id.
        var alpha = ((r * r % P * r) + 7) % P;
        var beta = BigInteger.ModPow(alpha, SqrtExponent, P);
        if (beta * beta % P != alpha)
        {
            return false;
        }

        var y = (beta.IsEven ? 0 : 1) == recoveryId ? beta : P - beta;
        var rInverse = BigInteger.ModPow(r, N - 2, N);
        var e = new BigInteger(digest, isUnsigned: true, isBigEndian: true) % N;
        var u1 = (N - (e * rInverse % N)) % N;
        var u2 = s * rInverse % N;

        // Q = u1·G + u2·R, both scalars walked together (Shamir's trick).
        var point = new Point(r, y, BigInteger.One);
        var both = Add(G, point);
        var q = Point.Infinity;
        for (var bit = 255; bit >= 0; bit--)
        {
            q = Double(q);
            var a = !(u1 >> bit).IsEven;
            var b = !(u2 >> bit).IsEven;
            if (a || b)
            {
                q = Add(q, a && b ? both : a ? G : point);
            }
        }

        if (q.IsInfinity)
        {
            return false;
        }

        var (qx, qy) = ToAffine(q);
        Rfc6979.WriteBytes32(qx, publicKey);
        Rfc6979.WriteBytes32(qy, publicKey[32..]);
        return true;
    }

    private static BigInteger Parse(string hex) => new(Convert.FromHexString(hex), isUnsigned: true, isBigEndian: true);

    private static BigInteger Mod(BigInteger value)
    {
        var r = value % P;
        return r.Sign < 0 ? r + P : r;
    }

    private static Point Multiply(Point point, BigInteger scalar)
    {
        var result = Point.Infinity;
        for (var bit = (int)scalar.GetBitLength() - 1; bit >= 0; bit--)
        {
            result = Double(result);
            if (!(scalar >> bit).IsEven)
            {
                result = Add(result, point);
            }
        }

        return result;
    }

    // Jacobian doubling for a = 0: S = 4XY², M = 3X², X' = M² − 2S, Y' = M(S − X') − 8Y⁴, Z' = 2YZ.
    private static Point Double(Point p)
    {
        if (p.IsInfinity || p.Y.IsZero)
        {
            return Point.Infinity;
        }

        var yy = p.Y * p.Y % P;
        var s = 4 * p.X * yy % P;
        var m = 3 * p.X * p.X % P;
        var x = Mod((m * m) - (2 * s));
        var y = Mod((m * (s - x)) - (8 * yy * yy));
        var z = 2 * p.Y * p.Z % P;
        return new Point(x, y, z);
    }

    private static Point Add(Point p, Point q)
    {
        if (p.IsInfinity)
        {
            return q;
        }

        if (q.IsInfinity)
        {
            return p;
        }

        var z1z1 = p.Z * p.Z % P;
        var z2z2 = q.Z * q.Z % P;
        var u1 = p.X * z2z2 % P;
        var u2 = q.X * z1z1 % P;
        var s1 = p.Y * z2z2 % P * q.Z % P;
        var s2 = q.Y * z1z1 % P * p.Z % P;
        var h = Mod(u2 - u1);
        var r = Mod(s2 - s1);
        if (h.IsZero)
        {
            return r.IsZero ? Double(p) : Point.Infinity;
        }

        var hh = h * h % P;
        var hhh = hh * h % P;
        var v = u1 * hh % P;
        var x = Mod((r * r) - hhh - (2 * v));
        var y = Mod((r * (v - x)) - (s1 * hhh));
        var z = h * p.Z % P * q.Z % P;
        return new Point(x, y, z);
    }

    private static (BigInteger X, BigInteger Y) ToAffine(Point p)
    {
        var zInverse = BigInteger.ModPow(p.Z, P - 2, P);
        var zz = zInverse * zInverse % P;
        return (p.X * zz % P, p.Y * zz % P * zInverse % P);
    }

    private readonly record struct Point(BigInteger X, BigInteger Y, BigInteger Z)
    {
        public static Point Infinity => new(BigInteger.One, BigInteger.One, BigInteger.Zero);

        public bool IsInfinity => Z.IsZero;
    }
}
