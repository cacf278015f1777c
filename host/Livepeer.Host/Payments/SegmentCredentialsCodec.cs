using System.Text;
using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Protocol;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Payments;

/// <summary>
/// The <c>Livepeer-Segment</c> header (§3.5): standard base64 of the protobuf <c>net.SegData</c>. The rendition
/// hashes come from the full profiles when sent (fullProfiles3, then 2, then 1, as upstream picks them) and from
/// the <c>profiles</c> bytes otherwise. Storage and perceptual-hash fields are not carried.
/// </summary>
internal sealed class SegmentCredentialsCodec : ISegmentCredentialsCodec
{
    /// <summary>Largest decoded credentials accepted (they are a few hundred bytes).</summary>
    public const int MaxBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Encode(SegmentCredentials credentials)
    {
        ArgumentNullException.ThrowIfNull(credentials);
        var proto = new Net.SegData
        {
            ManifestId = ByteString.CopyFrom(StrictUtf8.GetBytes(credentials.ManifestId)),
            Seq = credentials.SequenceNumber,
            Hash = credentials.DataHash.IsZero ? ByteString.Empty : ByteString.CopyFrom(credentials.DataHash.Span),
            Profiles = ByteString.CopyFrom(credentials.ProfileHashes.IsDefault ? [] : credentials.ProfileHashes.AsSpan()),
            Sig = ByteString.CopyFrom(credentials.Signature.IsDefault ? [] : credentials.Signature.AsSpan()),
            Duration = credentials.DurationMilliseconds,
        };
        if (credentials.Capabilities is { } capabilities)
        {
            proto.Capabilities = NetMapping.ToProto(capabilities);
        }

        if (credentials.AuthToken is { } token)
        {
            proto.AuthToken = NetMapping.ToProto(token);
        }

        return Convert.ToBase64String(proto.ToByteArray());
    }

    public SegmentCredentials Decode(string headerValue)
    {
        var bytes = HeaderBase64.Decode(headerValue, MaxBytes, "segment credentials");
        Net.SegData proto;
        try
        {
            proto = Net.SegData.Parser.ParseFrom(bytes.Span);
        }
        catch (InvalidProtocolBufferException e)
        {
            throw new PaymentException("segment credentials are not a valid protobuf net.SegData: " + e.Message, e);
        }

        try
        {
            return new SegmentCredentials(
                StrictUtf8.GetString(proto.ManifestId.Span),
                proto.Seq,
                proto.Hash.IsEmpty ? Hash32.Zero : proto.Hash.Length == Hash32.Length ? new Hash32(proto.Hash.Span) : throw new FormatException($"a segment hash is 32 bytes, not {proto.Hash.Length}"))
            {
                ProfileHashes = ProfileHashes(proto),
                DurationMilliseconds = proto.Duration,
                Capabilities = NetMapping.FromProto(proto.Capabilities),
                AuthToken = NetMapping.FromProto(proto.AuthToken),
                Signature = [.. proto.Sig.Span],
            };
        }
        catch (Exception e) when (e is FormatException or DecoderFallbackException)
        {
            throw new PaymentException("invalid segment credentials: " + e.Message, e);
        }
    }

    private static System.Collections.Immutable.ImmutableArray<byte> ProfileHashes(Net.SegData proto)
    {
        var full = proto.FullProfiles3.Count > 0 ? proto.FullProfiles3 : proto.FullProfiles2.Count > 0 ? proto.FullProfiles2 : proto.FullProfiles;
        if (full.Count == 0)
        {
            return [.. proto.Profiles.Span];
        }

        return [.. full.SelectMany(p => SegmentCredentials.ProfileHash(p.Name))];
    }
}
