namespace Livepeer.Media.MpegTs;

/// <summary>CRC-32/MPEG-2 for PSI sections (ISO/IEC 13818-1 Annex A): polynomial 0x04C11DB7, init 0xFFFFFFFF, no reflection, no final XOR.</summary>
public static class Crc32Mpeg2
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>Computes the CRC of <paramref name="data"/>; a section including its CRC_32 field yields 0.</summary>
    public static uint Compute(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc = (crc << 8) ^ Table[(crc >> 24) ^ b];
        }

        return crc;
    }

    private static uint[] BuildTable()
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i << 24;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 0x80000000) != 0 ? (c << 1) ^ 0x04C11DB7 : c << 1;
            }

            table[i] = c;
        }

        return table;
    }
}
