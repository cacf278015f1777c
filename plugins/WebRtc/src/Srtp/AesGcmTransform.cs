using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>
/// AEAD_AES_128_GCM (RFC 7714): 12-byte IV <c>salt XOR (0 | SSRC | ROC | SEQ)</c> for RTP (§8.1) and
/// <c>salt XOR (0 | SSRC | 0 | index)</c> for RTCP (§9.1); the RTP header (§8.2), or the first 8 RTCP bytes plus the
/// E·index word (§9.2), are the associated data; 16-byte tag.
/// </summary>
internal sealed class AesGcmTransform : SrtpTransform
{
    private const int TagLength = 16;
    private readonly AesGcm _rtp;
    private readonly AesGcm _rtcp;
    private readonly byte[] _rtpSalt;
    private readonly byte[] _rtcpSalt;

    public AesGcmTransform(SrtpSessionKeys rtp, SrtpSessionKeys rtcp)
    {
        _rtp = new AesGcm(rtp.EncryptionKey, TagLength);
        _rtcp = new AesGcm(rtcp.EncryptionKey, TagLength);
        _rtpSalt = rtp.Salt;
        _rtcpSalt = rtcp.Salt;
    }

    public override int RtpOverhead => TagLength;

    public override int RtcpIndexOffset(int length) => length - 4;

    /// <summary>The RTP IV of RFC 7714 §8.1.</summary>
    public static void RtpIv(ReadOnlySpan<byte> salt, uint ssrc, ulong index, Span<byte> iv)
    {
        iv.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(iv[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(iv[6..], (uint)(index >> 16));
        BinaryPrimitives.WriteUInt16BigEndian(iv[10..], (ushort)index);
        for (var i = 0; i < 12; i++)
        {
            iv[i] ^= salt[i];
        }
    }

    /// <summary>The RTCP IV of RFC 7714 §9.1.</summary>
    public static void RtcpIv(ReadOnlySpan<byte> salt, uint ssrc, uint index, Span<byte> iv)
    {
        iv.Clear();
        BinaryPrimitives.WriteUInt32BigEndian(iv[2..], ssrc);
        BinaryPrimitives.WriteUInt32BigEndian(iv[8..], index & 0x7FFF_FFFF);
        for (var i = 0; i < 12; i++)
        {
            iv[i] ^= salt[i];
        }
    }

    public override void ProtectRtp(ReadOnlySpan<byte> plain, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[12];
        RtpIv(_rtpSalt, ssrc, index, iv);
        plain[..headerLength].CopyTo(output);
        _rtp.Encrypt(iv, plain[headerLength..], output[headerLength..plain.Length], output.Slice(plain.Length, TagLength), plain[..headerLength]);
    }

    public override bool UnprotectRtp(ReadOnlySpan<byte> packet, int headerLength, uint ssrc, ulong index, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[12];
        RtpIv(_rtpSalt, ssrc, index, iv);
        var length = packet.Length - TagLength;
        try
        {
            _rtp.Decrypt(iv, packet[headerLength..length], packet[length..], output[headerLength..length], packet[..headerLength]);
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        packet[..headerLength].CopyTo(output);
        return true;
    }

    public override void ProtectRtcp(ReadOnlySpan<byte> plain, uint ssrc, uint index, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[12];
        RtcpIv(_rtcpSalt, ssrc, index, iv);
        Span<byte> aad = stackalloc byte[12];
        plain[..8].CopyTo(aad);
        BinaryPrimitives.WriteUInt32BigEndian(aad[8..], index | 0x8000_0000u);
        plain[..8].CopyTo(output);
        _rtcp.Encrypt(iv, plain[8..], output[8..plain.Length], output.Slice(plain.Length, TagLength), aad);
        aad[8..].CopyTo(output[(plain.Length + TagLength)..]);
    }

    public override bool UnprotectRtcp(ReadOnlySpan<byte> packet, uint ssrc, uint index, bool encrypted, Span<byte> output)
    {
        Span<byte> iv = stackalloc byte[12];
        RtcpIv(_rtcpSalt, ssrc, index, iv);
        var tagAt = packet.Length - 4 - TagLength;
        try
        {
            if (encrypted)
            {
                Span<byte> aad = stackalloc byte[12];
                packet[..8].CopyTo(aad);
                packet[^4..].CopyTo(aad[8..]);
                _rtcp.Decrypt(iv, packet[8..tagAt], packet.Slice(tagAt, TagLength), output[8..tagAt], aad);
            }
            else
            {
                // §9.2 (E=0): the whole packet and the index word are associated data; nothing is encrypted.
                var aad = new byte[tagAt + 4];
                packet[..tagAt].CopyTo(aad);
                packet[^4..].CopyTo(aad.AsSpan(tagAt));
                _rtcp.Decrypt(iv, [], packet.Slice(tagAt, TagLength), [], aad);
                packet[8..tagAt].CopyTo(output[8..]);
            }
        }
        catch (AuthenticationTagMismatchException)
        {
            return false;
        }

        packet[..8].CopyTo(output);
        return true;
    }

    public override void Dispose()
    {
        _rtp.Dispose();
        _rtcp.Dispose();
    }
}
