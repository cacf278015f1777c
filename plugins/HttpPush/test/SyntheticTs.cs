namespace Livepeer.Plugins.HttpPush.Tests;

/// <summary>Small, valid MPEG-TS bodies built by hand: PAT, PMT (H.264 + AAC) and one PES packet carrying a marker.</summary>
internal static class SyntheticTs
{
    public const int PmtPid = 0x1000;

    public static byte[] Create(byte marker, int index, int payloadPackets = 1)
    {
        var packets = new List<byte[]>
        {
            Psi(0, [0x00, 0xB0, 0x0D, 0x00, 0x01, 0xC1, 0x00, 0x00, 0x00, 0x01, 0xE0 | (PmtPid >> 8), PmtPid & 0xFF]),
            Psi(PmtPid, [0x02, 0xB0, 0x17, 0x00, 0x01, 0xC1, 0x00, 0x00, 0xE1, 0x00, 0xF0, 0x00, 0x1B, 0xE1, 0x00, 0xF0, 0x00, 0x0F, 0xE1, 0x01, 0xF0, 0x00]),
        };
        for (var i = 0; i < payloadPackets; i++)
        {
            var packet = new byte[188];
            packet[0] = 0x47;
            packet[1] = (byte)(i == 0 ? 0x41 : 0x01);
            packet[2] = 0x00;
            packet[3] = (byte)(0x10 | (i & 0x0F));
            for (var b = 4; b < 188; b++)
            {
                packet[b] = (byte)(marker ^ index ^ b);
            }

            if (i == 0)
            {
                // A PES header (video stream 0xE0, unbounded length, no timestamps) so the payload is well formed.
                byte[] pes = [0x00, 0x00, 0x01, 0xE0, 0x00, 0x00, 0x80, 0x00, 0x00];
                pes.CopyTo(packet, 4);
            }

            packets.Add(packet);
        }

        return [.. packets.SelectMany(p => p)];
    }

    private static byte[] Psi(int pid, int[] sectionWithoutCrc)
    {
        var section = sectionWithoutCrc.Select(v => (byte)v).ToList();
        var crc = Crc(section);
        section.AddRange([(byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc]);
        var packet = Enumerable.Repeat((byte)0xFF, 188).ToArray();
        packet[0] = 0x47;
        packet[1] = (byte)(0x40 | (pid >> 8));
        packet[2] = (byte)(pid & 0xFF);
        packet[3] = 0x10;
        packet[4] = 0x00; // pointer_field
        section.CopyTo(packet, 5);
        return packet;
    }

    private static uint Crc(IEnumerable<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= (uint)b << 24;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04C11DB7 : crc << 1;
            }
        }

        return crc;
    }
}
