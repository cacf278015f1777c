namespace Livepeer.Abstractions.Crypto;

/// <summary>Verification against an expected signer, for digests and for EIP-191 personal messages.</summary>
public static class SignatureVerifierExtensions
{
    /// <summary>Verifies that <paramref name="expected"/> signed the 32-byte <paramref name="digest"/>.</summary>
    public static SignatureStatus Verify(this ISignatureVerifier verifier, EthAddress expected, ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var status = verifier.TryRecover(digest, signature, out var signer);
        return status == SignatureStatus.Valid && signer != expected ? SignatureStatus.WrongSigner : status;
    }

    /// <summary>
    /// go-livepeer's <c>crypto.VerifySig(addr, msg, sig)</c>: verifies a personal_sign signature over
    /// <paramref name="message"/> (hashed with <see cref="PersonalMessage"/>). For a PM ticket the message
    /// is the 32-byte ticket hash; for gateway/orchestrator requests it is keccak256 of the request.
    /// </summary>
    public static SignatureStatus VerifyMessage(this ISignatureVerifier verifier, EthAddress expected, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature)
    {
        Span<byte> digest = stackalloc byte[Keccak256.HashLength];
        PersonalMessage.HashData(message, digest);
        return verifier.Verify(expected, digest, signature);
    }

    /// <summary>Recovers the signer of a personal_sign signature over <paramref name="message"/>.</summary>
    public static SignatureStatus TryRecoverMessage(this ISignatureVerifier verifier, ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature, out EthAddress signer)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        Span<byte> digest = stackalloc byte[Keccak256.HashLength];
        PersonalMessage.HashData(message, digest);
        return verifier.TryRecover(digest, signature, out signer);
    }
}
