using System.Security.Cryptography;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Host.Crypto;

/// <summary>An unlocked account: a secp256k1 private key held in memory for the node's lifetime.</summary>
internal sealed class EthereumAccount : IEthereumAccount
{
    private readonly byte[] _privateKey;
    private readonly ISecp256k1 _curve;

    public EthereumAccount(ReadOnlySpan<byte> privateKey, ISecp256k1? curve = null)
    {
        _curve = curve ?? Secp256k1.Default;
        if (!_curve.IsValidPrivateKey(privateKey))
        {
            throw new ArgumentException("Not a secp256k1 private key (32 bytes, 0 < key < n).", nameof(privateKey));
        }

        _privateKey = privateKey.ToArray();
        Span<byte> publicKey = stackalloc byte[64];
        _curve.GetPublicKey(_privateKey, publicKey);
        Address = EthAddressChecksum.FromPublicKey(publicKey);
    }

    public EthAddress Address { get; }

    /// <summary>The private key, for writing the keystore.</summary>
    internal ReadOnlySpan<byte> PrivateKey => _privateKey;

    /// <summary>A new account from 32 bytes of <see cref="RandomNumberGenerator"/> output (retried in the ~2⁻¹²⁸ case of an invalid key).</summary>
    public static EthereumAccount Create(ISecp256k1? curve = null)
    {
        curve ??= Secp256k1.Default;
        Span<byte> key = stackalloc byte[32];
        do
        {
            RandomNumberGenerator.Fill(key);
        }
        while (!curve.IsValidPrivateKey(key));

        var account = new EthereumAccount(key, curve);
        CryptographicOperations.ZeroMemory(key);
        return account;
    }

    public void SignDigest(ReadOnlySpan<byte> digest, Span<byte> destination)
    {
        if (digest.Length != Keccak256.HashLength)
        {
            throw new ArgumentException($"A digest is {Keccak256.HashLength} bytes, not {digest.Length}.", nameof(digest));
        }

        if (destination.Length < EthSignature.Length)
        {
            throw new ArgumentException($"A signature needs {EthSignature.Length} bytes.", nameof(destination));
        }

        _curve.Sign(_privateKey, digest, destination);
    }
}
