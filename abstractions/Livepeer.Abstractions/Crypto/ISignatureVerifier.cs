namespace Livepeer.Abstractions.Crypto;

/// <summary>
/// Recovers the Ethereum address that signed a 32-byte digest (secp256k1 public-key recovery). Always
/// registered by the host, offchain too: checking a signature needs no key. Use the extension methods in
/// <see cref="SignatureVerifierExtensions"/> to verify against an expected address.
/// </summary>
public interface ISignatureVerifier
{
    /// <summary>
    /// Checks <paramref name="signature"/>'s format (<see cref="EthSignature.CheckFormat"/>) and recovers its
    /// signer from <paramref name="digest"/>. Never throws for bad input: a malformed or forged signature is
    /// a status, with <paramref name="signer"/> left zero.
    /// </summary>
    /// <param name="digest">The 32 bytes that were signed (for EIP-191 messages, <see cref="PersonalMessage.HashData(ReadOnlySpan{byte}, Span{byte})"/>).</param>
    /// <param name="signature">65 bytes, r ‖ s ‖ v with v 27 or 28.</param>
    /// <param name="signer">The recovered address when the result is <see cref="SignatureStatus.Valid"/>.</param>
    /// <exception cref="ArgumentException"><paramref name="digest"/> is not 32 bytes.</exception>
    SignatureStatus TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, out EthAddress signer);
}
