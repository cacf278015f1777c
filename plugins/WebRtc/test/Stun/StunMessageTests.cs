using System.Net;
using System.Text;
using Livepeer.Plugins.WebRtc.Stun;

namespace Livepeer.Plugins.WebRtc.Tests.Stun;

public sealed class StunMessageTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(StunVectors.Password);

    [Fact]
    public void Crc32_matches_the_check_value() => Assert.Equal(0xCBF43926u, Crc32.Compute("123456789"u8));

    [Fact]
    public void Rfc5769_request_parses_and_verifies()
    {
        var m = StunMessage.Parse(StunVectors.Request);
        Assert.Equal(StunClass.Request, m.Class);
        Assert.Equal(StunConstants.BindingMethod, m.Method);
        Assert.Equal("evtj:h6vY", m.Username);
        Assert.Equal("STUN test client", m.Software);
        Assert.Equal(0x6e0001ffu, m.Priority);
        Assert.Equal(0x932ff9b151263b36UL, m.IceControlled);
        Assert.Null(m.IceControlling);
        Assert.False(m.UseCandidate);
        Assert.True(m.VerifyFingerprint());
        Assert.True(m.VerifyIntegrity(Key));
        Assert.False(m.VerifyIntegrity("wrong password 123456789"u8));
    }

    [Fact]
    public void Rfc5769_ipv4_response_parses_and_verifies()
    {
        var m = StunMessage.Parse(StunVectors.ResponseIPv4);
        Assert.Equal(StunClass.SuccessResponse, m.Class);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853), m.XorMappedAddress);
        Assert.Equal("test vector", m.Software);
        Assert.True(m.VerifyFingerprint());
        Assert.True(m.VerifyIntegrity(Key));
    }

    [Fact]
    public void Rfc5769_ipv6_response_parses_and_verifies()
    {
        var m = StunMessage.Parse(StunVectors.ResponseIPv6);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853), m.XorMappedAddress);
        Assert.True(m.VerifyFingerprint());
        Assert.True(m.VerifyIntegrity(Key));
    }

    [Fact]
    public void Builder_reproduces_the_rfc5769_ipv4_response_byte_for_byte()
    {
        var request = StunMessage.Parse(StunVectors.Request);
        var built = new StunMessageBuilder(StunClass.SuccessResponse, StunConstants.BindingMethod, request.TransactionId) { PaddingByte = 0x20 }
            .AddSoftware("test vector")
            .AddXorMappedAddress(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 32853))
            .Build(Key);
        Assert.Equal(Convert.ToHexString(StunVectors.ResponseIPv4), Convert.ToHexString(built));
    }

    [Fact]
    public void Builder_reproduces_the_rfc5769_ipv6_response_byte_for_byte()
    {
        var request = StunMessage.Parse(StunVectors.Request);
        var built = new StunMessageBuilder(StunClass.SuccessResponse, StunConstants.BindingMethod, request.TransactionId) { PaddingByte = 0x20 }
            .AddSoftware("test vector")
            .AddXorMappedAddress(new IPEndPoint(IPAddress.Parse("2001:db8:1234:5678:11:2233:4455:6677"), 32853))
            .Build(Key);
        Assert.Equal(Convert.ToHexString(StunVectors.ResponseIPv6), Convert.ToHexString(built));
    }

    [Fact]
    public void Builder_reproduces_the_rfc5769_request_byte_for_byte()
    {
        var request = StunMessage.Parse(StunVectors.Request);
        var built = new StunMessageBuilder(StunClass.Request, StunConstants.BindingMethod, request.TransactionId) { PaddingByte = 0x20 }
            .AddSoftware("STUN test client")
            .AddPriority(0x6e0001ff)
            .AddIceControlled(0x932ff9b151263b36)
            .AddUsername("evtj:h6vY")
            .Build(Key);
        Assert.Equal(Convert.ToHexString(StunVectors.Request), Convert.ToHexString(built));
    }

    [Fact]
    public void Ice_attributes_round_trip()
    {
        var id = new byte[12];
        id[0] = 7;
        var bytes = new StunMessageBuilder(StunClass.Request, StunConstants.BindingMethod, id)
            .AddUsername("abcd:efgh")
            .AddPriority(0x7e7f00ff)
            .AddUseCandidate()
            .AddIceControlling(0x0102030405060708)
            .Build("password-of-22-chars!!"u8);
        var m = StunMessage.Parse(bytes);
        Assert.Equal("abcd:efgh", m.Username);
        Assert.Equal(0x7e7f00ffu, m.Priority);
        Assert.True(m.UseCandidate);
        Assert.Equal(0x0102030405060708UL, m.IceControlling);
        Assert.True(m.VerifyIntegrity("password-of-22-chars!!"u8));
        Assert.True(m.VerifyFingerprint());
        Assert.Equal(id, m.TransactionId.ToArray());
    }

    [Theory]
    [InlineData(400, "Bad Request")]
    [InlineData(401, "Unauthorized")]
    [InlineData(487, "Role Conflict")]
    public void Error_responses_round_trip(int code, string reason)
    {
        var bytes = new StunMessageBuilder(StunClass.ErrorResponse, StunConstants.BindingMethod, new byte[12]).AddErrorCode(code, reason).Build();
        var m = StunMessage.Parse(bytes);
        Assert.Equal(StunClass.ErrorResponse, m.Class);
        Assert.Equal((code, reason), m.ErrorCode);
        Assert.True(m.VerifyFingerprint());
        Assert.False(m.HasIntegrity);
    }

    [Fact]
    public void A_flipped_bit_anywhere_breaks_integrity_or_fingerprint_or_parsing()
    {
        for (var i = 0; i < StunVectors.Request.Length * 8; i++)
        {
            var copy = (byte[])StunVectors.Request.Clone();
            copy[i / 8] ^= (byte)(1 << (i % 8));
            if (StunMessage.TryParse(copy, out var m, out _))
            {
                Assert.False(m.VerifyFingerprint() && m.VerifyIntegrity(Key), $"bit {i} went unnoticed");
            }
        }
    }

    [Theory]
    [InlineData("", StunFormatError.TooShort)]
    [InlineData("0001000021", StunFormatError.TooShort)]
    [InlineData("c00100002112a442000000000000000000000000", StunFormatError.NotStun)]
    [InlineData("000100002112a443000000000000000000000000", StunFormatError.NotStun)]
    [InlineData("000100042112a442000000000000000000000000", StunFormatError.BadLength)]
    [InlineData("000100022112a4420000000000000000000000000000", StunFormatError.BadLength)]
    [InlineData("000100042112a4420000000000000000000000000006ffff", StunFormatError.TruncatedAttribute)]
    [InlineData("000100102112a44200000000000000000000000080280004000000000006000000000000", StunFormatError.BadIntegrityPlacement)]
    [InlineData("000100082112a442000000000000000000000000802800050000000000", StunFormatError.BadLength)]
    public void Malformed_messages_give_typed_errors(string hex, StunFormatError expected)
    {
        Assert.False(StunMessage.TryParse(Convert.FromHexString(hex), out _, out var error));
        Assert.Equal(expected, error);
        var thrown = Assert.Throws<StunFormatException>(() => StunMessage.Parse(Convert.FromHexString(hex)));
        Assert.Equal(expected, thrown.Error);
    }

    [Fact]
    public void Too_many_attributes_are_refused()
    {
        var builder = new StunMessageBuilder(StunClass.Request, StunConstants.BindingMethod, new byte[12]);
        for (var i = 0; i < StunMessage.MaxAttributes + 1; i++)
        {
            builder.Add(0x7000, []);
        }

        Assert.False(StunMessage.TryParse(builder.Build(fingerprint: false), out _, out var error));
        Assert.Equal(StunFormatError.TooManyAttributes, error);
    }

    [Fact]
    public void Fuzz_seeded_from_the_vectors_never_throws_anything_but_typed_errors()
    {
        var random = new Random(5769);
        var seeds = StunVectors.All.ToArray();
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var n = 0; n < 20_000; n++)
        {
            var seed = seeds[n % seeds.Length];
            var input = Mutate(random, seed);
            if (StunMessage.TryParse(input, out var m, out _))
            {
                _ = m.Username;
                _ = m.Software;
                _ = m.XorMappedAddress;
                _ = m.ErrorCode;
                _ = m.Priority;
                _ = m.VerifyFingerprint();
                _ = m.VerifyIntegrity(Key);
            }
        }

        // Bounded allocation: a parse copies the datagram once plus a small attribute list (inputs here are < 300 bytes).
        Assert.True(GC.GetAllocatedBytesForCurrentThread() - before < 20_000L * 4096, "allocation per message is unbounded");
    }

    private static byte[] Mutate(Random random, byte[] seed)
    {
        switch (random.Next(4))
        {
            case 0:
                var bytes = new byte[random.Next(0, 200)];
                random.NextBytes(bytes);
                if (bytes.Length >= 8 && random.Next(2) == 0)
                {
                    seed.AsSpan(0, 8).CopyTo(bytes); // keep a valid-looking header so the attribute walk runs
                }

                return bytes;
            case 1:
                return seed[..random.Next(seed.Length)];
            default:
                var copy = (byte[])seed.Clone();
                for (var k = random.Next(1, 6); k > 0; k--)
                {
                    copy[random.Next(copy.Length)] = (byte)random.Next(256);
                }

                return copy;
        }
    }
}
