using System.Buffers.Binary;

namespace Livepeer.Media.MpegTs;

/// <summary>PAT and PMT section parsing (ISO/IEC 13818-1 §2.4.4.3, §2.4.4.8) with CRC-32 checks.</summary>
internal static class TsPsi
{
    /// <summary>Total length of the section starting at <paramref name="section"/> (3 + section_length), or -1 if unknown yet.</summary>
    public static int SectionLength(ReadOnlySpan<byte> section) =>
        section.Length < 3 ? -1 : 3 + (((section[1] & 0x0F) << 8) | section[2]);

    public static void CheckSection(ReadOnlySpan<byte> section, byte tableId)
    {
        if (section[0] != tableId)
        {
            throw new MediaFormatException($"table_id 0x{section[0]:x2} where 0x{tableId:x2} was expected");
        }

        if ((section[1] & 0x80) == 0 || section.Length < 12)
        {
            throw new MediaFormatException("PSI section without section syntax or too short");
        }

        if (Crc32Mpeg2.Compute(section) != 0)
        {
            throw new MediaFormatException($"PSI section (table_id {tableId}) fails its CRC-32");
        }
    }

    /// <summary>Parses a PAT; returns the PMT PID and program number of the first program (program_number 0 is the NIT).</summary>
    public static (int PmtPid, int ProgramNumber) ParsePat(ReadOnlySpan<byte> section)
    {
        CheckSection(section, 0x00);
        var entries = section[8..^4];
        for (var i = 0; i + 4 <= entries.Length; i += 4)
        {
            var program = BinaryPrimitives.ReadUInt16BigEndian(entries[i..]);
            var pid = ((entries[i + 2] & 0x1F) << 8) | entries[i + 3];
            if (program != 0)
            {
                return (pid, program);
            }
        }

        throw new MediaFormatException("PAT lists no program");
    }

    /// <summary>Parses a PMT into its tracks, its PCR PID and version.</summary>
    public static (List<TsTrack> Tracks, int PcrPid, int Version) ParsePmt(ReadOnlySpan<byte> section)
    {
        CheckSection(section, 0x02);
        var version = (section[5] >> 1) & 0x1F;
        var pcrPid = ((section[8] & 0x1F) << 8) | section[9];
        var programInfoLength = ((section[10] & 0x0F) << 8) | section[11];
        var body = section[..^4];
        var pos = 12 + programInfoLength;
        if (pos > body.Length)
        {
            throw new MediaFormatException("PMT program_info_length runs past the section");
        }

        var tracks = new List<TsTrack>();
        while (pos + 5 <= body.Length)
        {
            var streamType = body[pos];
            var pid = ((body[pos + 1] & 0x1F) << 8) | body[pos + 2];
            var infoLength = ((body[pos + 3] & 0x0F) << 8) | body[pos + 4];
            pos += 5;
            if (pos + infoLength > body.Length)
            {
                throw new MediaFormatException("PMT ES_info_length runs past the section");
            }

            tracks.Add(Describe(streamType, pid, body.Slice(pos, infoLength)));
            pos += infoLength;
        }

        return (tracks, pcrPid, version);
    }

    private static TsTrack Describe(byte streamType, int pid, ReadOnlySpan<byte> descriptors)
    {
        var codec = streamType switch
        {
            TsStreamType.H264 => TsCodec.H264,
            TsStreamType.H265 => TsCodec.H265,
            TsStreamType.AacAdts => TsCodec.Aac,
            _ => TsCodec.Unknown,
        };
        var channels = 0;
        var isOpus = false;
        while (descriptors.Length >= 2)
        {
            var tag = descriptors[0];
            var length = descriptors[1];
            if (2 + length > descriptors.Length)
            {
                throw new MediaFormatException("PMT descriptor runs past its loop");
            }

            var body = descriptors.Slice(2, length);

            // registration_descriptor (§2.6.8) with format_identifier 'Opus'; extension descriptor 0x7F/0x80 carries channels.
            if (tag == 0x05 && body.Length >= 4 && body[..4].SequenceEqual("Opus"u8))
            {
                isOpus = true;
            }
            else if (tag == 0x7F && body.Length >= 2 && body[0] == 0x80)
            {
                channels = body[1];
            }

            descriptors = descriptors[(2 + length)..];
        }

        if (isOpus && streamType == TsStreamType.PrivateData)
        {
            codec = TsCodec.Opus;
        }

        return new TsTrack(pid, streamType, codec) { OpusChannels = codec == TsCodec.Opus ? (channels == 0 ? 2 : channels) : 0 };
    }
}
