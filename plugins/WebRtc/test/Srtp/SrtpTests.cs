using System.Buffers.Binary;
using System.Security.Cryptography;
using Livepeer.Plugins.WebRtc.Srtp;

namespace Livepeer.Plugins.WebRtc.Tests.Srtp;

public sealed class SrtpTests
{
    private static readonly byte[] MasterKey = Convert.FromHexString("E1F97A0D3E018BE0D64FA32C06DE4139");
    private static readonly byte[] MasterSalt = Convert.FromHexString("0EC675AD498AFEEBB6960B3AABE6");

    [Fact]
    public void Rfc3711_B3_key_derivation()
    {
        Assert.Equal("C61E7A93744F39EE10734AFE3FF7A087", Convert.ToHexString(SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpEncryption, 16)));
        Assert.Equal("30CBBC08863D8C85D49DB34A9AE1", Convert.ToHexString(SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpSalt, 14)));
        Assert.Equal(
            "CEBE321F6FF7716B6FD4AB49AF256A156D38BAA48F0A0ACF3C34E2359E6CDBCEE049646C43D9327AD175578EF72270986371C10C9A369AC2F94A8C5FBCDDDC256D6E919A48B610EF17C2041E474035766B68642C59BBFC2F34DB60DBDFB2",
            Convert.ToHexString(SrtpKeyDerivation.Derive(MasterKey, MasterSalt, SrtpKeyDerivation.RtpAuthentication, 94)));
    }

    [Fact]
    public void Rfc3711_B2_aes_cm_keystream()
    {
        // A zero RTP payload with SSRC 0, SEQ 0, ROC 0 encrypts to the keystream itself.
        var keys = new SrtpSessionKeys(Convert.FromHexString("2B7E151628AED2A6ABF7158809CF4F3C"), new byte[20], Convert.FromHexString("F0F1F2F3F4F5F6F7F8F9FAFBFCFD"));
        using var context = new SrtpContext(SrtpProfile.AesCm128HmacSha1_80, keys, keys);
        var plain = new byte[12 + (65282 * 16)];
        plain[0] = 0x80;
        var output = new byte[plain.Length + SrtpContext.MaxOverhead];
        context.ProtectRtp(plain, output);
        var keystream = output.AsSpan(12, 65282 * 16);
        Assert.Equal("E03EAD0935C95E80E166B16DD92B4EB4D23513162B02D0F72A43A2FE4A5F97AB41E95B3BB0A2E8DD477901E4FCA894C0", Convert.ToHexString(keystream[..48]));
        Assert.Equal("EC8CDF7398607CB0F2D21675EA9EA1E4362B7C3C6773516318A077D7FC5073AE6A2CC3787889374FBEB4C81B17BA6C44", Convert.ToHexString(keystream[^48..]));
    }

    [Fact]
    public void Rfc7714_16_1_gcm_rtp_vector()
    {
        var keys = new SrtpSessionKeys(Convert.FromHexString("000102030405060708090a0b0c0d0e0f"), [], Convert.FromHexString("517569642070726f2071756f"));
        using var context = new SrtpContext(SrtpProfile.AeadAes128Gcm, keys, keys);
        var plain = Convert.FromHexString("8040f17b8041f8d35501a0b247616c6c696120657374206f6d6e69732064697669736120696e207061727465732074726573");
        var output = new byte[plain.Length + SrtpContext.MaxOverhead];
        var length = context.ProtectRtp(plain, output);
        Assert.Equal(
            "8040F17B8041F8D35501A0B2F24DE3A3FB34DE6CACBA861C9D7E4BCABE633BD50D294E6F42A5F47A51C7D19B36DE3ADF8833899D7F27BEB16A9152CF765EE4390CCE",
            Convert.ToHexString(output, 0, length));

        using var receiver = new SrtpContext(SrtpProfile.AeadAes128Gcm, keys, keys);
        var back = new byte[length];
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(output.AsSpan(0, length), back, out var plainLength));
        Assert.Equal(plain, back[..plainLength]);
    }

    [Fact]
    public void Rfc7714_ivs()
    {
        var salt = Convert.FromHexString("517569642070726f2071756f");
        var iv = new byte[12];
        AesGcmTransform.RtpIv(salt, 0x5501a0b2, 0xf17b, iv);
        Assert.Equal("51753C6580C2726F20718414", Convert.ToHexString(iv));
        AesGcmTransform.RtcpIv(salt, 0x4d617273, 0x5d4, iv);
        Assert.Equal("517524055203726F207170BB", Convert.ToHexString(iv));
    }

    [Theory]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Rtp_round_trips_through_rollover_and_detects_replay_and_tampering(SrtpProfile profile)
    {
        var (key, salt) = Master(profile);
        using var sender = new SrtpContext(profile, key, salt);
        using var receiver = new SrtpContext(profile, key, salt);
        var buffer = new byte[1300];
        var plainOut = new byte[1300];
        byte[]? previous = null;
        for (var n = 0; n < 70_000; n += 7)
        {
            var plain = Rtp((ushort)(60_000 + n), 0xDEADBEEF, 100 + (n % 50));
            var length = sender.ProtectRtp(plain, buffer);
            var packet = buffer[..length];
            var tampered = (byte[])packet.Clone();
            tampered[tampered.Length - 1 - (n % 20)] ^= 0x01;
            Assert.Equal(SrtpStatus.AuthenticationFailed, receiver.UnprotectRtp(tampered, plainOut, out _));
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(packet, plainOut, out var plainLength));
            Assert.Equal(plain, plainOut[..plainLength]);
            Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(packet, plainOut, out _));
            if (previous is not null && n % 700 == 0)
            {
                Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(previous, plainOut, out _));
            }

            previous = packet;
        }
    }

    [Theory]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Reordered_packets_within_the_window_are_accepted_and_old_ones_refused(SrtpProfile profile)
    {
        var (key, salt) = Master(profile);
        using var sender = new SrtpContext(profile, key, salt);
        using var receiver = new SrtpContext(profile, key, salt);
        var packets = Enumerable.Range(0, 100).Select(i =>
        {
            var output = new byte[200];
            var length = sender.ProtectRtp(Rtp((ushort)(65500 + i), 1, 40), output); // crosses the wrap
            return output[..length];
        }).ToArray();
        var plain = new byte[200];
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(packets[0], plain, out _)); // ROC 0 is where a receiver starts (§3.3.1)
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(packets[99], plain, out _)); // after the wrap: ROC guessed 1
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(packets[40], plain, out _)); // 59 behind: inside the window
        Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtp(packets[30], plain, out _)); // 69 behind: outside
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(packets[98], plain, out _));
    }

    [Theory]
    [InlineData(SrtpProfile.AesCm128HmacSha1_80)]
    [InlineData(SrtpProfile.AeadAes128Gcm)]
    public void Rtcp_round_trips_with_index_and_e_bit(SrtpProfile profile)
    {
        var (key, salt) = Master(profile);
        using var sender = new SrtpContext(profile, key, salt);
        using var receiver = new SrtpContext(profile, key, salt);
        var rtcp = Convert.FromHexString("81c8000d4d6172734e5450314e54503252545020 0000042a0000e9304c756e61deadbeefdeadbeefdeadbeefdeadbeefdeadbeef".Replace(" ", "", StringComparison.Ordinal));
        var output = new byte[rtcp.Length + SrtpContext.MaxOverhead];
        var plain = new byte[output.Length];
        for (var i = 0u; i < 3; i++)
        {
            var length = sender.ProtectRtcp(rtcp, output);
            var packet = output[..length];
            var word = BinaryPrimitives.ReadUInt32BigEndian(profile == SrtpProfile.AeadAes128Gcm ? packet.AsSpan(length - 4) : packet.AsSpan(length - 14));
            Assert.Equal(0x8000_0000u | i, word); // E=1, SRTCP index counts from 0
            Assert.NotEqual(rtcp[8..], packet[8..rtcp.Length]);
            var tampered = (byte[])packet.Clone();
            tampered[10] ^= 0x40;
            Assert.Equal(SrtpStatus.AuthenticationFailed, receiver.UnprotectRtcp(tampered, plain, out _));
            Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtcp(packet, plain, out var plainLength));
            Assert.Equal(rtcp, plain[..plainLength]);
            Assert.Equal(SrtpStatus.Replayed, receiver.UnprotectRtcp(packet, plain, out _));
        }
    }

    [Fact]
    public void Garbage_and_short_packets_are_typed_never_thrown()
    {
        var (key, salt) = Master(SrtpProfile.AesCm128HmacSha1_80);
        using var receiver = new SrtpContext(SrtpProfile.AesCm128HmacSha1_80, key, salt);
        var random = new Random(3711);
        var output = new byte[2000];
        for (var i = 0; i < 5000; i++)
        {
            var garbage = new byte[random.Next(0, 1500)];
            random.NextBytes(garbage);
            var status = receiver.UnprotectRtp(garbage, output, out _);
            Assert.NotEqual(SrtpStatus.Ok, status);
            Assert.NotEqual(SrtpStatus.Ok, receiver.UnprotectRtcp(garbage, output, out _));
        }

        // Forged packets from random SSRCs do not fill the stream table.
        var good = new byte[200];
        using var sender = new SrtpContext(SrtpProfile.AesCm128HmacSha1_80, key, salt);
        var length = sender.ProtectRtp(Rtp(1, 42, 50), good);
        Assert.Equal(SrtpStatus.Ok, receiver.UnprotectRtp(good.AsSpan(0, length), output, out _));
    }

    [Fact]
    public void Wrong_key_lengths_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new SrtpContext(SrtpProfile.AesCm128HmacSha1_80, new byte[16], new byte[12]));
        Assert.Throws<ArgumentException>(() => new SrtpContext(SrtpProfile.AeadAes128Gcm, new byte[16], new byte[14]));
    }

    private static (byte[] Key, byte[] Salt) Master(SrtpProfile profile) =>
        (RandomNumberGenerator.GetBytes(16), RandomNumberGenerator.GetBytes(SrtpProfiles.MasterSaltLength(profile)));

    private static byte[] Rtp(ushort sequence, uint ssrc, int payload)
    {
        var packet = new byte[12 + payload];
        packet[0] = 0x80;
        packet[1] = 96;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), sequence * 3000u);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), ssrc);
        for (var i = 12; i < packet.Length; i++)
        {
            packet[i] = (byte)i;
        }

        return packet;
    }
}
