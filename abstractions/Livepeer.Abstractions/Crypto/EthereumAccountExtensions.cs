namespace Livepeer.Abstractions.Crypto;

/// <summary>The signing flavours go-livepeer uses, on top of <see cref="IEthereumAccount.SignDigest"/>.</summary>
public static class EthereumAccountExtensions
{
    /// <summary>
    /// personal_sign: signs <see cref="PersonalMessage"/>'s digest of <paramref name="message"/>
    /// (go-livepeer <c>AccountManager.Sign</c>; a PM ticket signs its 32-byte hash this way).
    /// </summary>
    public static byte[] SignMessage(this IEthereumAccount account, ReadOnlySpan<byte> message)
    {
        ArgumentNullException.ThrowIfNull(account);
        Span<byte> digest = stackalloc byte[Keccak256.HashLength];
        PersonalMessage.HashData(message, digest);
        var signature = new byte[EthSignature.Length];
        account.SignDigest(digest, signature);
        return signature;
    }

    /// <summary>
    /// go-livepeer's broadcaster/orchestrator <c>Sign(msg)</c>: personal_sign over keccak256(<paramref name="message"/>),
    /// used for OrchestratorRequest.sig, segment credentials and BYOC job requests.
    /// </summary>
    public static byte[] SignHashedMessage(this IEthereumAccount account, ReadOnlySpan<byte> message)
    {
        Span<byte> hash = stackalloc byte[Keccak256.HashLength];
        Keccak256.HashData(message, hash);
        return account.SignMessage(hash);
    }
}
