using System.Numerics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>
/// AES in counter mode as RFC 3711 §4.1.1 defines it: keystream block j is <c>E(k, IV + j)</c> with the counter in the
/// low 16 bits; made with one AES-ECB call over all counter blocks (.NET has no CTR mode).
/// </summary>
internal static class AesCounterMode
{
    /// <summary>XORs the keystream from <paramref name="iv"/> into <paramref name="data"/>; scratch buffers hold the padded length.</summary>
    public static void Xor(Aes aes, ReadOnlySpan<byte> iv, Span<byte> data, Span<byte> counters, Span<byte> keystream)
    {
        var blocks = (data.Length + 15) >> 4;
        if (blocks == 0)
        {
            return;
        }

        counters = counters[..(blocks << 4)];
        keystream = keystream[..(blocks << 4)];
        var low = (ushort)((iv[14] << 8) | iv[15]);
        for (var j = 0; j < blocks; j++)
        {
            var block = counters.Slice(j << 4, 16);
            iv[..14].CopyTo(block);
            var counter = (ushort)(low + j); // §4.1.1: the 16-bit block counter wraps (at most 2^16 blocks per packet)
            block[14] = (byte)(counter >> 8);
            block[15] = (byte)counter;
        }

        aes.EncryptEcb(counters, keystream, PaddingMode.None);
        XorInto(data, keystream);
    }

    /// <summary><paramref name="data"/> ^= <paramref name="key"/> over data's length.</summary>
    public static void XorInto(Span<byte> data, ReadOnlySpan<byte> key)
    {
        var i = 0;
        if (Vector.IsHardwareAccelerated && data.Length >= Vector<byte>.Count)
        {
            var vd = MemoryMarshal.Cast<byte, Vector<byte>>(data);
            var vk = MemoryMarshal.Cast<byte, Vector<byte>>(key[..data.Length]);
            for (var v = 0; v < vd.Length; v++)
            {
                vd[v] ^= vk[v];
            }

            i = vd.Length * Vector<byte>.Count;
        }

        for (; i < data.Length; i++)
        {
            data[i] ^= key[i];
        }
    }
}
