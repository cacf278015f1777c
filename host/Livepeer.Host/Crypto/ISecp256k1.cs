namespace Livepeer.Host.Crypto;

/// <summary>
/// The secp256k1 operations Ethereum accounts need. Two implementations: Debian's libsecp256k1 through
/// P/Invoke (fast, preferred) and a managed fallback (slow; used when the library is missing).
/// Signatures are 65 bytes r ‖ s ‖ v with v = 27 + recovery id; public keys are 64 bytes X ‖ Y.
/// </summary>
internal interface ISecp256k1
{
    /// <summary>A short name for logs and benchmarks.</summary>
    string Name { get; }

    /// <summary>True when 0 &lt; key &lt; n.</summary>
    bool IsValidPrivateKey(ReadOnlySpan<byte> privateKey);

    /// <summary>Writes the 64-byte public key of a valid private key.</summary>
    void GetPublicKey(ReadOnlySpan<byte> privateKey, Span<byte> publicKey);

    /// <summary>Signs a 32-byte digest with an RFC 6979 (HMAC-SHA256) nonce; s is always low.</summary>
    void Sign(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> digest, Span<byte> signature);

    /// <summary>
    /// Recovers the public key from a 32-byte digest, the 64-byte r ‖ s and a recovery id of 0 or 1
    /// (SEC1 §4.1.6); false when r or s is out of range or no key recovers. Never throws for bad bytes.
    /// </summary>
    bool TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, int recoveryId, Span<byte> publicKey);
}
