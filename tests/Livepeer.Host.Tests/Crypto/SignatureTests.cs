using System.Numerics;
using System.Security.Cryptography;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Host.Crypto;

namespace Livepeer.Host.Tests.Crypto;

public sealed class SignatureTests
{
    private static readonly BigInteger N = new(Convert.FromHexString("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141"), isUnsigned: true, isBigEndian: true);

    // go-livepeer crypto/verify_test.go: the message is 32 raw bytes passed to TextHash.
    [Theory]
    [MemberData(nameof(Curves.Names), MemberType = typeof(Curves))]
    public void Upstream_VerifySig_vector(string curve)
    {
        var verifier = new Secp256k1SignatureVerifier(Curves.Get(curve));
        var address = EthAddress.Parse("0x3BadDb1eeE2105893136A3F96c8a963E9C6309d6");
        var message = Convert.FromHexString("b7da355477356fc4c47fcabcf232dc77a6db9b07b7e48b76261cc55cc8fbabb3");
        var signature = Convert.FromHexString("206443228e8f784bc3a122de0d85eb3ebff82d6a79cca26c7eeb907099a6404f6dff57bc6828f28bd6cd073c89d94cf3364204679ed8365fa45b5ee6af19a9841c");
        Assert.Equal(SignatureStatus.Valid, verifier.VerifyMessage(address, message, signature));
        Assert.Equal(SignatureStatus.WrongSigner, verifier.VerifyMessage(EthAddress.Parse("0x3BadDb1eeE2105893136A3F96c8a963E9C6309d7"), message, signature));
        message[0] ^= 1;
        Assert.Equal(SignatureStatus.WrongSigner, verifier.VerifyMessage(address, message, signature));
    }

    [Theory]
    [MemberData(nameof(Curves.Names), MemberType = typeof(Curves))]
    public void Sign_then_recover_round_trips_with_low_s_and_v_27_or_28(string curve)
    {
        var impl = Curves.Get(curve);
        var verifier = new Secp256k1SignatureVerifier(impl);
        var seenV = new HashSet<byte>();
        for (var i = 0; i < 16; i++)
        {
            var account = EthereumAccount.Create(impl);
            var message = RandomNumberGenerator.GetBytes(i * 7);
            var signature = account.SignMessage(message);
            Assert.Equal(65, signature.Length);
            Assert.Equal(SignatureStatus.Valid, EthSignature.CheckFormat(signature));
            Assert.Equal(SignatureStatus.Valid, verifier.VerifyMessage(account.Address, message, signature));
            Assert.Equal(SignatureStatus.Valid, verifier.TryRecoverMessage(message, signature, out var signer));
            Assert.Equal(account.Address, signer);
            seenV.Add(signature[64]);
        }

        Assert.Subset(new HashSet<byte> { 27, 28 }, seenV);
    }

    [Fact]
    public void Native_and_managed_sign_byte_identically_and_recover_each_other()
    {
        var native = Curves.Get("native");
        var managed = Curves.Get("managed");
        for (var i = 0; i < 8; i++)
        {
            var key = RandomNumberGenerator.GetBytes(32);
            var digest = RandomNumberGenerator.GetBytes(32);
            var a = new byte[65];
            var b = new byte[65];
            native.Sign(key, digest, a);
            managed.Sign(key, digest, b);
            Assert.Equal(a, b);

            var pa = new byte[64];
            var pb = new byte[64];
            native.GetPublicKey(key, pa);
            managed.GetPublicKey(key, pb);
            Assert.Equal(pa, pb);
            Assert.True(managed.TryRecover(digest, a.AsSpan(0, 64), a[64] - 27, pb));
            Assert.Equal(pa, pb);
        }
    }

    [Theory]
    [MemberData(nameof(Curves.Names), MemberType = typeof(Curves))]
    public void High_s_is_refused_although_its_mirror_recovers(string curve)
    {
        var impl = Curves.Get(curve);
        var account = EthereumAccount.Create(impl);
        var digest = RandomNumberGenerator.GetBytes(32);
        var signature = new byte[65];
        account.SignDigest(digest, signature);

        // (r, n − s, v flipped) is the same signature mirrored: mathematically valid, refused by VerifySig.
        var s = new BigInteger(signature.AsSpan(32, 32), isUnsigned: true, isBigEndian: true);
        var high = (byte[])signature.Clone();
        Rfc6979.WriteBytes32(N - s, high.AsSpan(32));
        high[64] = (byte)(signature[64] == 27 ? 28 : 27);
        Span<byte> key = stackalloc byte[64];
        Assert.True(impl.TryRecover(digest, high, high[64] - 27, key));
        Assert.Equal(account.Address, EthAddressChecksum.FromPublicKey(key));

        var verifier = new Secp256k1SignatureVerifier(impl);
        Assert.Equal(SignatureStatus.HighS, verifier.Verify(account.Address, digest, high));
        Assert.Equal("signature s value too high", EthSignature.Describe(SignatureStatus.HighS));
    }

    [Theory]
    [MemberData(nameof(Curves.Names), MemberType = typeof(Curves))]
    public void Malformed_signatures_are_statuses_not_exceptions(string curve)
    {
        var impl = Curves.Get(curve);
        var verifier = new Secp256k1SignatureVerifier(impl);
        var account = EthereumAccount.Create(impl);
        var digest = RandomNumberGenerator.GetBytes(32);
        var signature = new byte[65];
        account.SignDigest(digest, signature);

        foreach (var v in new byte[] { 0, 1, 26, 29, 30, 255 })
        {
            var bad = (byte[])signature.Clone();
            bad[64] = v;
            Assert.Equal(SignatureStatus.InvalidV, verifier.Verify(account.Address, digest, bad));
        }

        Assert.Equal(SignatureStatus.WrongLength, verifier.Verify(account.Address, digest, signature[..64]));
        Assert.Equal(SignatureStatus.WrongLength, verifier.Verify(account.Address, digest, [.. signature, 0]));
        Assert.Equal(SignatureStatus.WrongLength, verifier.Verify(account.Address, digest, []));

        var zeroR = (byte[])signature.Clone();
        zeroR.AsSpan(0, 32).Clear();
        Assert.Equal(SignatureStatus.Unrecoverable, verifier.TryRecover(digest, zeroR, out var none));
        Assert.True(none.IsZero);

        var rOverN = (byte[])signature.Clone();
        rOverN.AsSpan(0, 32).Fill(0xFF);
        Assert.Equal(SignatureStatus.Unrecoverable, verifier.TryRecover(digest, rOverN, out _));

        var zeroS = (byte[])signature.Clone();
        zeroS.AsSpan(32, 32).Clear();
        Assert.Equal(SignatureStatus.Unrecoverable, verifier.TryRecover(digest, zeroS, out _));

        Assert.Throws<ArgumentException>(() => verifier.TryRecover(digest[..31], signature, out _));
        Assert.Throws<ArgumentException>(() => account.SignDigest(digest[..31], new byte[65]));
        Assert.Throws<ArgumentException>(() => account.SignDigest(digest, new byte[64]));
    }

    [Theory]
    [MemberData(nameof(Curves.Names), MemberType = typeof(Curves))]
    public void Fuzzed_signatures_never_throw_and_never_verify(string curve)
    {
        var impl = Curves.Get(curve);
        var verifier = new Secp256k1SignatureVerifier(impl);
        var account = EthereumAccount.Create(impl);
        var digest = RandomNumberGenerator.GetBytes(32);
        var valid = new byte[65];
        account.SignDigest(digest, valid);
        var random = new Random(6);
        var rounds = curve == "native" ? 3000 : 150;
        for (var i = 0; i < rounds; i++)
        {
            byte[] candidate;
            if (i % 2 == 0)
            {
                candidate = new byte[random.Next(0, 3) == 0 ? random.Next(0, 80) : 65];
                random.NextBytes(candidate);
                if (candidate.Length == 65)
                {
                    candidate[64] = (byte)(27 + random.Next(0, 2));
                    candidate[32] &= 0x7F; // mostly low s, so recovery itself gets exercised
                }
            }
            else
            {
                candidate = (byte[])valid.Clone();
                candidate[random.Next(0, 64)] ^= (byte)(1 << random.Next(0, 8));
            }

            var status = verifier.Verify(account.Address, digest, candidate);
            Assert.NotEqual(SignatureStatus.Valid, status);
        }
    }

    [Theory]
    [MemberData(nameof(Curves.Names), MemberType = typeof(Curves))]
    public void Private_keys_outside_one_to_n_are_refused(string curve)
    {
        var impl = Curves.Get(curve);
        Assert.False(impl.IsValidPrivateKey(new byte[32]));
        Assert.False(impl.IsValidPrivateKey(Rfc6979.ToBytes32(N)));
        Assert.False(impl.IsValidPrivateKey(new byte[31]));
        Assert.True(impl.IsValidPrivateKey(Rfc6979.ToBytes32(N - 1)));
        Assert.Throws<ArgumentException>(() => new EthereumAccount(new byte[32], impl));
        var one = new EthereumAccount(Rfc6979.ToBytes32(BigInteger.One), impl);
        Assert.Equal("0x7E5F4552091A69125d5DfCb7b8C2659029395Bdf", one.Address.ToChecksumString());
    }

    // RFC 6979 is deterministic: the same key and digest give the same signature, and go-ethereum's
    // well-known signature of keccak256("") by key 1 is reproduced by ethers (checked in EthersInteropTests).
    [Theory]
    [MemberData(nameof(Curves.Names), MemberType = typeof(Curves))]
    public void Signing_is_deterministic(string curve)
    {
        var account = EthereumAccount.Create(Curves.Get(curve));
        var first = account.SignMessage([1, 2, 3]);
        var second = account.SignMessage([1, 2, 3]);
        Assert.Equal(first, second);
        Assert.NotEqual(first, account.SignMessage([1, 2, 4]));
        Assert.Equal(account.SignMessage(Keccak256.HashData([9])), account.SignHashedMessage([9]));
    }
}
