using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Host.Crypto;

/// <summary>
/// <see cref="ISignatureVerifier"/> over secp256k1 with go-livepeer's <c>crypto.VerifySig</c> rules:
/// 65 bytes, low s, v 27 or 28, then public-key recovery.
/// </summary>
internal sealed class Secp256k1SignatureVerifier(ISecp256k1 curve) : ISignatureVerifier
{
    public Secp256k1SignatureVerifier()
        : this(Secp256k1.Default)
    {
    }

    public SignatureStatus TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, out EthAddress signer)
    {
        if (digest.Length != Keccak256.HashLength)
        {
            throw new ArgumentException($"A digest is {Keccak256.HashLength} bytes, not {digest.Length}.", nameof(digest));
        }

        signer = default;
        var status = EthSignature.CheckFormat(signature);
        if (status != SignatureStatus.Valid)
        {
            return status;
        }

        Span<byte> publicKey = stackalloc byte[64];
        if (!curve.TryRecover(digest, signature[..64], signature[64] - 27, publicKey))
        {
            return SignatureStatus.Unrecoverable;
        }

        signer = EthAddressChecksum.FromPublicKey(publicKey);
        return SignatureStatus.Valid;
    }
}
