using System.Buffers.Binary;
using System.Collections.Immutable;
using System.Text;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Abstractions.Payments;

/// <summary>
/// Segment credentials, the <c>Livepeer-Segment</c> header (go-livepeer <c>net.SegData</c>): which segment of
/// which manifest a request is for, signed by the gateway. Live-video and AI payments send the credentials of an
/// empty segment (sequence 0, zero hash) with the <c>Livepeer-Payment</c> header.
/// </summary>
/// <param name="ManifestId">The stream's manifest id.</param>
/// <param name="SequenceNumber">The segment's sequence number.</param>
/// <param name="DataHash">keccak256 of the segment's bytes (zero for an empty segment).</param>
public sealed record SegmentCredentials(string ManifestId, long SequenceNumber, Hash32 DataHash)
{
    /// <summary>The renditions asked for, as upstream's 4-byte hashes: keccak256(profile name)[0..4] each, concatenated.</summary>
    public ImmutableArray<byte> ProfileHashes { get; init; } = [];

    /// <summary>The segment's duration in milliseconds.</summary>
    public int DurationMilliseconds { get; init; }

    /// <summary>The capabilities the segment needs; null when not sent.</summary>
    public NodeCapabilities? Capabilities { get; init; }

    /// <summary>The orchestrator session's auth token; null when not sent.</summary>
    public AuthToken? AuthToken { get; init; }

    /// <summary>The gateway's signature over <see cref="Flatten"/> (see <see cref="SignedBy"/>); empty offchain.</summary>
    public ImmutableArray<byte> Signature { get; init; } = [];

    /// <summary>The 4-byte hash upstream uses for a rendition named <paramref name="profileName"/>.</summary>
    public static ImmutableArray<byte> ProfileHash(string profileName)
    {
        ArgumentNullException.ThrowIfNull(profileName);
        return [.. Keccak256.HashData(Encoding.UTF8.GetBytes(profileName)).AsSpan(0, 4)];
    }

    /// <summary>
    /// The signed bytes (go-livepeer <c>SegTranscodingMetadata.Flatten</c>): manifest id ‖ leftpad32(sequence
    /// number) ‖ data hash ‖ lowercase hex of <see cref="ProfileHashes"/> as ASCII.
    /// </summary>
    public byte[] Flatten()
    {
        var manifest = Encoding.UTF8.GetBytes(ManifestId);
        var profiles = Encoding.ASCII.GetBytes(Convert.ToHexStringLower(ProfileHashes.IsDefault ? [] : ProfileHashes.AsSpan()));
        var flat = new byte[manifest.Length + 32 + Hash32.Length + profiles.Length];
        manifest.CopyTo(flat, 0);

        // big.NewInt(seq).Bytes() is the magnitude: a negative sequence number signs as its absolute value.
        var sequence = flat.AsSpan(manifest.Length, 32);
        BinaryPrimitives.WriteUInt64BigEndian(sequence[24..], SequenceNumber == long.MinValue ? 1UL << 63 : (ulong)Math.Abs(SequenceNumber));
        DataHash.Span.CopyTo(flat.AsSpan(manifest.Length + 32));
        profiles.CopyTo(flat, manifest.Length + 32 + Hash32.Length);
        return flat;
    }

    /// <summary>These credentials signed by <paramref name="account"/> (go-livepeer <c>broadcaster.Sign(Flatten())</c>).</summary>
    public SegmentCredentials SignedBy(IEthereumAccount account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return this with { Signature = [.. account.SignHashedMessage(Flatten())] };
    }

    /// <summary>Whether <paramref name="gateway"/> signed these credentials (go-livepeer <c>VerifySig(addr, Flatten(), sig)</c>).</summary>
    public SignatureStatus VerifySignature(ISignatureVerifier verifier, EthAddress gateway)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return verifier.VerifyMessage(gateway, Keccak256.HashData(Flatten()), Signature.IsDefault ? [] : Signature.AsSpan());
    }
}
