using System.Security.Cryptography;

namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>
/// The SRTP key derivation function (RFC 3711 §4.3.1 with the AES-CM PRF of §4.3.3) at key derivation rate 0, as
/// DTLS-SRTP uses it (RFC 5764 §4.1.2), so <c>r = index DIV kdr</c> is 0 and each session key is derived once.
/// RFC 7714 §11 uses the same function with its 12-byte master salt (zero-extended in the IV).
/// </summary>
public static class SrtpKeyDerivation
{
    /// <summary>Label for the SRTP encryption key (§4.3.2).</summary>
    public const byte RtpEncryption = 0x00;

    /// <summary>Label for the SRTP authentication key.</summary>
    public const byte RtpAuthentication = 0x01;

    /// <summary>Label for the SRTP salt.</summary>
    public const byte RtpSalt = 0x02;

    /// <summary>Label for the SRTCP encryption key.</summary>
    public const byte RtcpEncryption = 0x03;

    /// <summary>Label for the SRTCP authentication key.</summary>
    public const byte RtcpAuthentication = 0x04;

    /// <summary>Label for the SRTCP salt.</summary>
    public const byte RtcpSalt = 0x05;

    /// <summary>
    /// <c>PRF_n(k_master, x)</c> with <c>x = (label || r) XOR master_salt</c>: AES-CM keystream under the master key from
    /// IV <c>x * 2^16</c>, cut to <paramref name="length"/> bytes.
    /// </summary>
    public static byte[] Derive(ReadOnlySpan<byte> masterKey, ReadOnlySpan<byte> masterSalt, byte label, int length)
    {
        if (masterSalt.Length > 14)
        {
            throw new ArgumentException("a master salt is at most 14 bytes", nameof(masterSalt));
        }

        Span<byte> iv = stackalloc byte[16];
        masterSalt.CopyTo(iv);
        iv[7] ^= label; // key_id = label || r (48 zero bits at kdr 0), right-aligned in the 112-bit salt
        using var aes = Aes.Create();
        aes.Key = masterKey.ToArray();
        var output = new byte[length];
        AesCounterMode.Xor(aes, iv, output, new byte[(length + 15) & ~15], new byte[(length + 15) & ~15]);
        return output;
    }
}
