namespace Livepeer.Abstractions.Crypto;

/// <summary>
/// The node's own Ethereum account, unlocked from its keystore at start-up. Registered only when the node
/// has keys (a key-requiring payment scheme, or <c>-ethKeystorePath</c>/<c>-ethAcctAddr</c>/<c>-ethPassword</c>
/// given); offchain nodes without them have none, so resolve it as optional.
/// </summary>
public interface IEthereumAccount
{
    /// <summary>The account's address.</summary>
    EthAddress Address { get; }

    /// <summary>
    /// Signs a 32-byte digest as it is (RFC 6979 nonce, low s) and writes r ‖ s ‖ v (v 27 or 28) to the
    /// first 65 bytes of <paramref name="destination"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The digest is not 32 bytes or the destination is shorter than 65.</exception>
    void SignDigest(ReadOnlySpan<byte> digest, Span<byte> destination);
}
