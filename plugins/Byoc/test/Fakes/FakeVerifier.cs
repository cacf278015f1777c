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
    private int _next;

    /// <summary>Signs like go-livepeer's <c>Sign(msg)</c>: personal_sign over keccak256(msg).</summary>
    public string SignHashed(EthAddress signer, byte[] message)
    {
        var signature = new byte[65];
        BitConverter.TryWriteBytes(signature, Interlocked.Increment(ref _next));
        signature[64] = 27;
        var digest = PersonalMessage.HashData(Keccak256.HashData(message));
        _signed[Key(digest, signature)] = signer;
        return EthHex.Encode(signature);
    }

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

    private static string Key(ReadOnlySpan<byte> digest, ReadOnlySpan<byte> signature) => Convert.ToHexString(digest) + Convert.ToHexString(signature);
}
