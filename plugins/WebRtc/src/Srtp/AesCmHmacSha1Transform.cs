using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>
/// AES_CM_128_HMAC_SHA1_80 (RFC 3711): AES-128 counter mode with IV <c>(k_s·2^16) XOR (SSRC·2^64) XOR (i·2^16)</c>
/// (§4.1.1) and an HMAC-SHA1 tag over the authenticated portion plus ROC (RTP, §4.2) or plus E·index (RTCP, §3.4),
/// cut to 80 bits.
/// </summary>
internal sealed class AesCmHmacSha1Transform : SrtpTransform
{
    private const int TagLength = 10;
    private readonly Aes _rtpAes = Aes.Create();
    private readonly Aes _rtcpAes = Aes.Create();
    private readonly IncrementalHash _rtpMac;
    private readonly IncrementalHash _rtcpMac;
    private readonly byte[] _rtpSalt;
    private readonly byte[] _rtcpSalt;
    private byte[] _counters = new byte[2048];
    private byte[] _keystream = new byte[2048];

    public AesCmHmacSha1Transform(SrtpSessionKeys rtp, SrtpSessionKeys rtcp)
    {
        _rtpAes.Key = rtp.EncryptionKey;
        _rtcpAes.Key = rtcp.EncryptionKey;
        _rtpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, rtp.AuthenticationKey);
        _rtcpMac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA1, rtcp.AuthenticationKey);
        _rtpSalt = rtp.Salt;
        _rtcpSalt = rtcp.Salt;
    }

    public override int RtpOverhead => TagLength;

    public override int RtcpIndexOffset(int length) => length - TagLength - 4;

    /// <summary>The counter-mode IV of §4.1.1 for <paramref name="ssrc"/> and the 48-bit <paramref name="index"/>.</summary>
    public static void Iv(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> iv)
    {
        iv.Clear();
        salt.CopyTo(iv);
        Span<byte> x = stackalloc byte[16];
        x.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(x[4..], ssrc);
        for (var i = 0; i < 6; i++)
        {
            x[13 - i] = (byte)(index >> (8 * i)); // the 48-bit index in bytes 8..13 (i·2^16)
        }

        for (var i = 0; i < 16; i++)
        {
            iv[i] ^= x[i];
        }
    }

    public override void ProtectRtp(ReadOnlySpan<byte> plain, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        plain.CopyTo(output);
        Crypt(_rtpAes, _rtpSalt, ssrc, index, output[headerLength..plain.Length]);
        RtpTag(output[..plain.Length], (uint)(index >> 16), output.Slice(plain.Length, TagLength));
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> packet, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        var length = packet.Length - TagLength;
        Span<byte> tag = stackalloc byte[TagLength];
        RtpTag(packet[..length], (uint)(index >> 16), tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, packet[length..]))
        {
            return false;
        }

        packet[..length].CopyTo(output);
        Crypt(_rtpAes, _rtpSalt, ssrc, index, output[headerLength..length]);
        return true;
    }

    public override void ProtectRtcp(ReadOnlySpan<byte> plain, uint ssrc, uint index, Span<byte> output)
    {
        plain.CopyTo(output);
        Crypt(_rtcpAes, _rtcpSalt, ssrc, index, output[8..plain.Length]);
        BinaryPrimitives.WriteUInt32BigEndian(output[plain.Length..], index | 0x8000_0000u);
        RtcpTag(output[..(plain.Length + 4)], output.Slice(plain.Length + 4, TagLength));
    }

    public override bool UnprotectRtcp(ReadOnlySpan<byte> packet, uint ssrc, uint index, bool encrypted, Span<byte> output)
    {
        var authenticated = packet.Length - TagLength;
        Span<byte> tag = stackalloc byte[TagLength];
        RtcpTag(packet[..authenticated], tag);
        if (!CryptographicOperations.FixedTimeEquals(tag, packet[authenticated..]))
        {
            return false;
        }

        var length = authenticated - 4;
        packet[..length].CopyTo(output);
        if (encrypted)
        {
            Crypt(_rtcpAes, _rtcpSalt, ssrc, index, output[8..length]);
        }

        return true;
    }

    public override void Dispose()
    {
        _rtpAes.Dispose();
        _rtcpAes.Dispose();
        _rtpMac.Dispose();
        _rtcpMac.Dispose();
    }

    private void Crypt(Aes aes, byte[] salt, uint ssrc, ulong index, Span<byte> data)
    {
        var padded = (data.Length + 15) & ~15;
        if (_counters.Length < padded)
        {
            _counters = new byte[padded];
            _keystream = new byte[padded];
        }

        Span<byte> iv = stackalloc byte[16];
        Iv(salt, ssrc, index, iv);
        AesCounterMode.Xor(aes, iv, data, _counters, _keystream);
    }

    private void RtpTag(ReadOnlySpan<byte> authenticated, uint roc, Span<byte> tag)
    {
        Span<byte> rocBytes = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(rocBytes, roc);
        Span<byte> mac = stackalloc byte[20];
        _rtpMac.AppendData(authenticated);
        _rtpMac.AppendData(rocBytes);
        _rtpMac.GetHashAndReset(mac);
        mac[..TagLength].CopyTo(tag);
    }

    private void RtcpTag(ReadOnlySpan<byte> authenticated, Span<byte> tag)
    {
        Span<byte> mac = stackalloc byte[20];
        _rtcpMac.AppendData(authenticated);
        _rtcpMac.GetHashAndReset(mac);
        mac[..TagLength].CopyTo(tag);
    }
}
