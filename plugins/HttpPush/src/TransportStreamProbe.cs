using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.HttpPush;

/// <summary>
/// Checks that a pushed body is an MPEG transport stream (ISO/IEC 13818-1) and reads its track list from the
/// PAT and PMT, without demuxing: whole 188-byte packets, each starting with the sync byte 0x47, holding a PAT
/// and the PMT it points to (single-packet sections with a valid CRC) that lists at least one elementary stream.
/// </summary>
internal static class TransportStreamProbe
{
    /// <summary>The size of a transport stream packet.</summary>
    public const int PacketSize = 188;

    private const byte SyncByte = 0x47;

    /// <summary>The elementary streams the PMT lists, or <c>null</c> when <paramref name="data"/> is not a usable transport stream.</summary>
    public static IReadOnlyList<TrackInfo>? Probe(ReadOnlySpan<byte> data)
    {
        if (data.Length < PacketSize * 2 || data.Length % PacketSize != 0)
        {
            return null;
        }

        var pmtPid = -1;
        for (var offset = 0; offset < data.Length; offset += PacketSize)
        {
            var packet = data.Slice(offset, PacketSize);
            if (packet[0] != SyncByte)
            {
                return null;
            }

            var pid = ((packet[1] & 0x1F) << 8) | packet[2];
            var unitStart = (packet[1] & 0x40) != 0;
            if (!unitStart || (pid != 0 && pid != pmtPid) || Section(packet) is not { } section)
            {
                continue;
            }

            if (pid == 0 && pmtPid < 0)
            {
                pmtPid = ProgramMapPid(section);
            }
            else if (pid == pmtPid && Tracks(section) is { Count: > 0 } tracks)
            {
                return Validate(data[(offset + PacketSize)..]) ? tracks : null;
            }
        }

        return null;
    }

    // The rest of the body must still be packets.
    private static bool Validate(ReadOnlySpan<byte> rest)
    {
        for (var offset = 0; offset < rest.Length; offset += PacketSize)
        {
            if (rest[offset] != SyncByte)
            {
                return false;
            }
        }

        return true;
    }

    // The PSI section a packet starts, when it fits in the packet and its CRC-32 is right.
    private static byte[]? Section(ReadOnlySpan<byte> packet)
    {
        var adaptation = (packet[3] >> 4) & 0x3;
        var start = 4;
        if (adaptation is 0 or 2)
        {
            return null; // no payload
        }

        if (adaptation == 3)
        {
            start += 1 + packet[4];
        }

        if (start >= PacketSize)
        {
            return null;
        }

        start += 1 + packet[start]; // pointer_field
        if (start + 3 > PacketSize)
        {
            return null;
        }

        var length = ((packet[start + 1] & 0x0F) << 8) | packet[start + 2];
        if (length < 9 || start + 3 + length > PacketSize)
        {
            return null;
        }

        var section = packet.Slice(start, 3 + length);
        return Crc32Mpeg2(section) == 0 ? section.ToArray() : null;
    }

    private static int ProgramMapPid(byte[] pat)
    {
        if (pat[0] != 0x00)
        {
            return -1;
        }

        // 8-byte header, 4-byte program entries, 4-byte CRC; program 0 is the network PID.
        for (var i = 8; i + 4 <= pat.Length - 4; i += 4)
        {
            var program = (pat[i] << 8) | pat[i + 1];
            if (program != 0)
            {
                return ((pat[i + 2] & 0x1F) << 8) | pat[i + 3];
            }
        }

        return -1;
    }

    private static List<TrackInfo>? Tracks(byte[] pmt)
    {
        if (pmt[0] != 0x02 || pmt.Length < 16)
        {
            return null;
        }

        var tracks = new List<TrackInfo>();
        var i = 12 + (((pmt[10] & 0x0F) << 8) | pmt[11]);
        while (i + 5 <= pmt.Length - 4)
        {
            var type = pmt[i];
            var pid = ((pmt[i + 1] & 0x1F) << 8) | pmt[i + 2];
            i += 5 + (((pmt[i + 3] & 0x0F) << 8) | pmt[i + 4]);
            var (kind, codec) = Describe(type);
            tracks.Add(new TrackInfo(pid, kind, codec));
        }

        return tracks;
    }

    // ISO/IEC 13818-1 Table 2-34 stream_type values this node meets.
    private static (TrackKind Kind, string Codec) Describe(byte streamType) => streamType switch
    {
        0x1B => (TrackKind.Video, "h264"),
        0x24 => (TrackKind.Video, "hevc"),
        0x02 => (TrackKind.Video, "mpeg2video"),
        0x0F or 0x11 => (TrackKind.Audio, "aac"),
        0x03 or 0x04 => (TrackKind.Audio, "mp3"),
        0x81 => (TrackKind.Audio, "ac3"),
        _ => (TrackKind.Data, $"stream-type-0x{streamType:x2}"),
    };

    // CRC-32/MPEG-2 (polynomial 0x04C11DB7, no reflection); over a section including its CRC it is 0.
    private static uint Crc32Mpeg2(ReadOnlySpan<byte> data)
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
