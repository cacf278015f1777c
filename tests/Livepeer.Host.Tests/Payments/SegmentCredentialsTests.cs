using System.Text;
using Google.Protobuf;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;
using Livepeer.Host.Crypto;
using Livepeer.Host.Payments;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Payments;

public sealed class SegmentCredentialsTests
{
    private static readonly SegmentCredentialsCodec Codec = new();
    private static readonly Secp256k1SignatureVerifier Verifier = new();
    private static readonly Hash32 DataHash = new(Enumerable.Range(0, 32).Select(i => (byte)(0xA0 + i)).ToArray());

    private static SegmentCredentials Sample() => new SegmentCredentials("mid-1234", 42, DataHash)
    {
        ProfileHashes = [.. SegmentCredentials.ProfileHash("P240p30fps16x9"), .. SegmentCredentials.ProfileHash("P360p30fps16x9")],
        DurationMilliseconds = 2000,
        AuthToken = new AuthToken([1, 2, 3], "abcd1234", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000)),
    };

    [Fact]
    public void Flatten_is_manifest_then_padded_sequence_then_hash_then_hex_profile_hashes()
    {
        var expected = new List<byte>(Encoding.ASCII.GetBytes("mid-1234"));
        expected.AddRange(new byte[31]);
        expected.Add(42);
        expected.AddRange(DataHash.Span.ToArray());
        var profileHex = Convert.ToHexStringLower(Keccak256.HashData(Encoding.ASCII.GetBytes("P240p30fps16x9")).AsSpan(0, 4))
            + Convert.ToHexStringLower(Keccak256.HashData(Encoding.ASCII.GetBytes("P360p30fps16x9")).AsSpan(0, 4));
        expected.AddRange(Encoding.ASCII.GetBytes(profileHex));
        Assert.Equal(expected, Sample().Flatten());

        // An empty segment (live payments): manifest id, 32 zero bytes, 32 zero bytes.
        Assert.Equal([.. Encoding.ASCII.GetBytes("m"), .. new byte[64]], new SegmentCredentials("m", 0, Hash32.Zero).Flatten());
    }

    [Fact]
    public void Signed_credentials_verify_for_their_signer_only_and_survive_the_wire()
    {
        var signed = Sample().SignedBy(TicketFixtures.Sender);
        Assert.Equal(SignatureStatus.Valid, signed.VerifySignature(Verifier, TicketFixtures.Sender.Address));
        Assert.NotEqual(SignatureStatus.Valid, signed.VerifySignature(Verifier, TicketFixtures.Recipient));
        Assert.NotEqual(SignatureStatus.Valid, (signed with { SequenceNumber = 43 }).VerifySignature(Verifier, TicketFixtures.Sender.Address));
        Assert.NotEqual(SignatureStatus.Valid, Sample().VerifySignature(Verifier, TicketFixtures.Sender.Address));

        var decoded = Codec.Decode(Codec.Encode(signed));
        Assert.Equal(SignatureStatus.Valid, decoded.VerifySignature(Verifier, TicketFixtures.Sender.Address));
        Assert.Equal(signed.Flatten(), decoded.Flatten());
        Assert.Equal(signed.AuthToken!.SessionId, decoded.AuthToken!.SessionId);
        Assert.Equal(2000, decoded.DurationMilliseconds);
        Assert.Equal(Codec.Encode(signed), Codec.Encode(decoded));
    }

    [Fact]
    public void Full_profiles_name_the_renditions_when_sent()
    {
        var proto = Net.SegData.Parser.ParseFrom(Convert.FromBase64String(Codec.Encode(Sample())));
        proto.Profiles = ByteString.CopyFrom(new byte[] { 9, 9, 9, 9 });
        proto.FullProfiles.Add(new Net.VideoProfile { Name = "ignored" });
        proto.FullProfiles3.Add(new Net.VideoProfile { Name = "P720p30fps16x9", Width = 1280, Height = 720 });
        var decoded = Codec.Decode(Convert.ToBase64String(proto.ToByteArray()));
        Assert.Equal(SegmentCredentials.ProfileHash("P720p30fps16x9").ToArray(), decoded.ProfileHashes.ToArray());
    }

    [Theory]
    [InlineData("")]
    [InlineData("%%%")]
    [InlineData("////")]
    public void Garbage_is_a_payment_error(string header) => Assert.Throws<PaymentException>(() => Codec.Decode(header));

    [Fact]
    public void Bad_fields_and_huge_input_are_payment_errors()
    {
        var proto = Net.SegData.Parser.ParseFrom(Convert.FromBase64String(Codec.Encode(Sample())));
        var shortHash = proto.Clone();
        shortHash.Hash = ByteString.CopyFrom(new byte[31]);
        Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(shortHash.ToByteArray())));
        var notUtf8 = proto.Clone();
        notUtf8.ManifestId = ByteString.CopyFrom(new byte[] { 0xFF, 0xFE });
        Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(notUtf8.ToByteArray())));
        Assert.Throws<PaymentException>(() => Codec.Decode(Convert.ToBase64String(new byte[SegmentCredentialsCodec.MaxBytes + 10])));
    }

    [Fact]
    public void Fuzz_mutations_only_ever_give_credentials_or_a_payment_error()
    {
        var random = new Random(6);
        var vector = Convert.FromBase64String(Codec.Encode(Sample().SignedBy(TicketFixtures.Sender)));
        for (var i = 0; i < 3000; i++)
        {
            var bytes = vector.ToArray();
            if (i % 3 == 0)
            {
                bytes = bytes.AsSpan(0, random.Next(bytes.Length)).ToArray();
            }
            else
            {
                for (var flips = random.Next(1, 4); flips > 0; flips--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            try
            {
                var decoded = Codec.Decode(Convert.ToBase64String(bytes));
                decoded.VerifySignature(Verifier, TicketFixtures.Sender.Address);
            }
            catch (PaymentException)
            {
            }
        }
    }
}
