using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Org.BouncyCastle.Asn1.Sec;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto.Digests;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using Org.BouncyCastle.Math;
using Org.BouncyCastle.Math.EC;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>
/// Real secp256k1 for the tests, from BouncyCastle (the plugin may not reference the host's libsecp256k1 binding):
/// an account that signs with RFC 6979 nonces and low s, and a verifier that recovers the signer.
/// </summary>
internal static class TestKeys
{
    private static readonly X9ECParameters Curve = SecNamedCurves.GetByName("secp256k1");
    private static readonly ECDomainParameters Domain = new(Curve.Curve, Curve.G, Curve.N, Curve.H);
    private static readonly BigInteger HalfN = Curve.N.ShiftRight(1);

    /// <summary>A gateway key.</summary>
    public static TestAccount Gateway { get; } = new("4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");

    /// <summary>An orchestrator key.</summary>
    public static TestAccount Orchestrator { get; } = new("a8a54b2d8197bc0b19bb8a084031be71835580a01e70a45a13babd16c9bc1563");

    /// <summary>A third key, for forgeries.</summary>
    public static TestAccount Mallory { get; } = new("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");

    /// <summary>The verifier.</summary>
    public static ISignatureVerifier Verifier { get; } = new TestVerifier();

    /// <summary>An account with a fixed private key.</summary>
    public sealed class TestAccount : IEthereumAccount
    {
        private readonly ECPrivateKeyParameters _key;

        public TestAccount(string privateKeyHex)
        {
            _key = new ECPrivateKeyParameters(new BigInteger(privateKeyHex, 16), Domain);
            var q = Domain.G.Multiply(_key.D).Normalize();
            Address = AddressOf(q);
        }

        public EthAddress Address { get; }

        public void SignDigest(ReadOnlySpan<byte> digest, Span<byte> destination)
        {
            var hash = digest.ToArray();
            var signer = new ECDsaSigner(new HMacDsaKCalculator(new Sha256Digest()));
            signer.Init(true, _key);
            var rs = signer.GenerateSignature(hash);
            var r = rs[0];
            var s = rs[1].CompareTo(HalfN) > 0 ? Curve.N.Subtract(rs[1]) : rs[1];
            for (var recoveryId = 0; recoveryId < 2; recoveryId++)
            {
                if (Recover(hash, r, s, recoveryId) is { } q && AddressOf(q) == Address)
                {
                    Write(r, destination[..32]);
                    Write(s, destination.Slice(32, 32));
                    destination[64] = (byte)(27 + recoveryId);
                    return;
                }
            }

            throw new InvalidOperationException("No recovery id reproduces the key.");
        }
    }

    private sealed class TestVerifier : ISignatureVerifier
    {
        public SignatureStatus TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, out EthAddress signer)
        {
            signer = EthAddress.Zero;
            var status = EthSignature.CheckFormat(signature);
            if (status != SignatureStatus.Valid)
            {
                return status;
            }

            var r = new BigInteger(1, signature[..32].ToArray());
            var s = new BigInteger(1, signature.Slice(32, 32).ToArray());
            if (r.SignValue == 0 || s.SignValue == 0 || r.CompareTo(Curve.N) >= 0 || s.CompareTo(Curve.N) >= 0 ||
                Recover(digest.ToArray(), r, s, signature[64] - 27) is not { } q)
            {
                return SignatureStatus.Unrecoverable;
            }

            signer = AddressOf(q);
            return SignatureStatus.Valid;
        }
    }

    // Q = r⁻¹ (s·R − e·G), with R the curve point whose x is r and whose y parity is the recovery id.
    private static ECPoint? Recover(byte[] digest, BigInteger r, BigInteger s, int recoveryId)
    {
        ECPoint rPoint;
        try
        {
            var encoded = new byte[33];
            encoded[0] = (byte)(0x02 + recoveryId);
            Write(r, encoded.AsSpan(1));
            rPoint = Curve.Curve.DecodePoint(encoded);
        }
        catch (ArgumentException)
        {
            return null;
        }

        var e = new BigInteger(1, digest);
        var rInverse = r.ModInverse(Curve.N);
        var q = ECAlgorithms.SumOfTwoMultiplies(Domain.G, e.Negate().Multiply(rInverse).Mod(Curve.N), rPoint, s.Multiply(rInverse).Mod(Curve.N)).Normalize();
        return q.IsInfinity ? null : q;
    }

    private static EthAddress AddressOf(ECPoint q)
    {
        var publicKey = new byte[64];
        Write(q.AffineXCoord.ToBigInteger(), publicKey.AsSpan(0, 32));
        Write(q.AffineYCoord.ToBigInteger(), publicKey.AsSpan(32, 32));
        return EthAddressChecksum.FromPublicKey(publicKey);
    }

    private static void Write(BigInteger value, Span<byte> destination)
    {
        var bytes = value.ToByteArrayUnsigned();
        destination.Clear();
        bytes.CopyTo(destination[(destination.Length - bytes.Length)..]);
    }
}
