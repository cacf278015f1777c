namespace Livepeer.Plugins.WebRtc.Stun;

/// <summary>
/// CRC-32 as ISO/HDLC and IEEE 802.3 define it (reflected polynomial 0xEDB88320, initial and final value 0xFFFFFFFF);
/// the checksum under STUN's FINGERPRINT (RFC 8489 §14.7 / RFC 5389 §15.5). The project's own: System.IO.Hashing is
/// not available here.
/// </summary>
public static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/> ("123456789" gives 0xCBF43926).</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        }

        return crc ^ 0xFFFFFFFFu;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (var n = 0u; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }

            table[n] = c;
        }

        return table;
    }
}
