using System.Collections.Concurrent;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;

namespace Livepeer.Plugins.Byoc.Tests.Fakes;

/// <summary>
/// A signature verifier for plugin tests (the real secp256k1 one lives in the host and is used by the host's
/// BYOC tests): "signing" records which address signed which digest and returns a unique well-formed signature.
/// </summary>
internal sealed class FakeVerifier : ISignatureVerifier
{
    private readonly ConcurrentDictionary<string, EthAddress> _signed = new();
    private static int _next; // shared, so that two verifiers never hand out the same signature

    /// <summary>Signs like go-livepeer's <c>Sign(msg)</c>: personal_sign over keccak256(msg).</summary>
    public string SignHashed(EthAddress signer, byte[] message)
    {
        var signature = new byte[65];
        SignDigest(signer, PersonalMessage.HashData(Keccak256.HashData(message)), signature);
        return EthHex.Encode(signature);
    }

    /// <summary>An account whose digests this verifier recovers to <paramref name="address"/> (the gateway's key in tests).</summary>
    public IEthereumAccount Account(EthAddress address) => new FakeAccount(this, address);

    public SignatureStatus TryRecover(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature, out EthAddress signer)
    {
        var status = EthSignature.CheckFormat(signature);
        signer = EthAddress.Zero;
        if (status != SignatureStatus.Valid)
        {
            return status;
        }

        if (_signed.TryGetValue(Key(digest, signature), out signer))
        {
            return SignatureStatus.Valid;
        }

        // Any other digest recovers to some unrelated address, as real recovery does.
        signer = new EthAddress(Keccak256.HashData(digest)[..20]);
        return SignatureStatus.Valid;
    }

    private void SignDigest(EthAddress signer, ReadOnlySpan<byte> digest, Span<byte> destination)
    {
        var signature = new byte[65];
        BitConverter.TryWriteBytes(signature, Interlocked.Increment(ref _next));
        signature[64] = 27;
        _signed[Key(digest, signature)] = signer;
        signature.CopyTo(destination);
    }

    private static string Key(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) => Convert.ToHexString(digest) + Convert.ToHexString(signature);

    private sealed class FakeAccount(FakeVerifier verifier, EthAddress address) : IEthereumAccount
    {
        public EthAddress Address => address;

        public void SignDigest(ReadOnlySpan<byte> digest, Span<byte> destination) => verifier.SignDigest(address, digest, destination);
    }
}
