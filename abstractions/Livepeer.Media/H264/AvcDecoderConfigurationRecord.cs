using System.Buffers.Binary;

namespace Livepeer.Media.H264;

/// <summary>
/// AVCDecoderConfigurationRecord (ISO/IEC 14496-15 §5.3.3.1): the H.264 "sequence header" of FLV/RTMP and the avcC box
/// of MP4. Trailing bytes after the PPS list (the High-profile extension) are kept verbatim so a parse/build round
/// trip is byte-exact.
/// </summary>
public sealed class AvcDecoderConfigurationRecord
{
    /// <summary>Creates a record.</summary>
    public AvcDecoderConfigurationRecord(
        byte profileIndication,
        byte profileCompatibility,
        byte levelIndication,
        int nalLengthSize,
        IReadOnlyList<ReadOnlyMemory<byte>> sequenceParameterSets,
        IReadOnlyList<ReadOnlyMemory<byte>> pictureParameterSets,
        ReadOnlyMemory<byte> extension = default)
    {
        Avcc.CheckLengthSize(nalLengthSize);
        if (nalLengthSize == 3)
        {
            throw new MediaFormatException("lengthSizeMinusOne of 2 is not allowed");
        }

        ArgumentNullException.ThrowIfNull(sequenceParameterSets);
        ArgumentNullException.ThrowIfNull(pictureParameterSets);
        ProfileIndication = profileIndication;
        ProfileCompatibility = profileCompatibility;
        LevelIndication = levelIndication;
        NalLengthSize = nalLengthSize;
        SequenceParameterSets = sequenceParameterSets;
        PictureParameterSets = pictureParameterSets;
        Extension = extension;
    }

    /// <summary>AVCProfileIndication (profile_idc of the SPS).</summary>
    public byte ProfileIndication { get; }

    /// <summary>profile_compatibility (the SPS constraint flags byte).</summary>
    public byte ProfileCompatibility { get; }

    /// <summary>AVCLevelIndication (level_idc).</summary>
    public byte LevelIndication { get; }

    /// <summary>lengthSizeMinusOne + 1: the size of NAL length prefixes in samples (1, 2 or 4).</summary>
    public int NalLengthSize { get; }

    /// <summary>SPS NAL units (header byte included).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> SequenceParameterSets { get; }

    /// <summary>PPS NAL units (header byte included).</summary>
    public IReadOnlyList<ReadOnlyMemory<byte>> PictureParameterSets { get; }

    /// <summary>Bytes after the PPS list (chroma format/bit depth extension for High profiles), kept verbatim.</summary>
    public ReadOnlyMemory<byte> Extension { get; }

    /// <summary>Builds a record from one SPS and one PPS NAL unit, taking profile and level from the SPS.</summary>
    public static AvcDecoderConfigurationRecord FromParameterSets(ReadOnlySpan<byte> sps, ReadOnlySpan<byte> pps, int nalLengthSize = 4)
    {
        if (sps.Length < 4 || NalUnit.GetType(sps) != NalUnitType.Sps)
        {
            throw new MediaFormatException("not an SPS NAL unit");
        }

        if (pps.IsEmpty || NalUnit.GetType(pps) != NalUnitType.Pps)
        {
            throw new MediaFormatException("not a PPS NAL unit");
        }

        return new AvcDecoderConfigurationRecord(sps[1], sps[2], sps[3], nalLengthSize, [sps.ToArray()], [pps.ToArray()]);
    }

    /// <summary>Parses a record; malformed input throws <see cref="MediaFormatException"/>.</summary>
    public static AvcDecoderConfigurationRecord Parse(ReadOnlySpan<byte> data)
    {
        if (data.Length < 7)
        {
            throw new MediaFormatException("AVCDecoderConfigurationRecord shorter than 7 bytes");
        }

        if (data[0] != 1)
        {
            throw new MediaFormatException($"AVCDecoderConfigurationRecord version {data[0]} is not 1");
        }

        var lengthSize = (data[4] & 3) + 1;
        var pos = 5;
        var sps = ReadList(data, ref pos, data[pos++] & 0x1F);
        if (pos >= data.Length)
        {
            throw new MediaFormatException("AVCDecoderConfigurationRecord truncated before the PPS count");
        }

        var pps = ReadList(data, ref pos, data[pos++]);
        return new AvcDecoderConfigurationRecord(data[1], data[2], data[3], lengthSize, sps, pps, data[pos..].ToArray());
    }

    /// <summary>Serializes the record.</summary>
    public byte[] ToArray()
    {
        var length = 7 + Extension.Length;
        foreach (var s in SequenceParameterSets)
        {
            length += 2 + s.Length;
        }

        foreach (var p in PictureParameterSets)
        {
            length += 2 + p.Length;
        }

        if (SequenceParameterSets.Count > 31 || PictureParameterSets.Count > 255)
        {
            throw new MediaFormatException("too many parameter sets for an AVCDecoderConfigurationRecord");
        }

        var output = new byte[length];
        output[0] = 1;
        output[1] = ProfileIndication;
        output[2] = ProfileCompatibility;
        output[3] = LevelIndication;
        output[4] = (byte)(0xFC | (NalLengthSize - 1));
        output[5] = (byte)(0xE0 | SequenceParameterSets.Count);
        var pos = 6;
        WriteList(output, ref pos, SequenceParameterSets);
        output[pos++] = (byte)PictureParameterSets.Count;
        WriteList(output, ref pos, PictureParameterSets);
        Extension.Span.CopyTo(output.AsSpan(pos));
        return output;
    }

    /// <summary>The parameter sets as Annex B (SPS then PPS, four-byte start codes), to prepend to an IDR access unit.</summary>
    public byte[] ToAnnexB()
    {
        var writer = new System.Buffers.ArrayBufferWriter<byte>();
        foreach (var s in SequenceParameterSets)
        {
            AnnexB.Write(writer, s.Span);
        }

        foreach (var p in PictureParameterSets)
        {
            AnnexB.Write(writer, p.Span);
        }

        return writer.WrittenSpan.ToArray();
    }

    /// <summary>Parses the first SPS, or returns null when there is none.</summary>
    public H264Sps? ParseSps() => SequenceParameterSets.Count == 0 ? null : H264Sps.Parse(SequenceParameterSets[0].Span);

    private static ReadOnlyMemory<byte>[] ReadList(ReadOnlySpan<byte> data, ref int pos, int count)
    {
        var list = new ReadOnlyMemory<byte>[count];
        for (var i = 0; i < count; i++)
        {
            if (pos + 2 > data.Length)
            {
                throw new MediaFormatException("AVCDecoderConfigurationRecord truncated in a parameter set length");
            }

            var n = BinaryPrimitives.ReadUInt16BigEndian(data[pos..]);
            pos += 2;
            if (n == 0 || n > data.Length - pos)
            {
                throw new MediaFormatException("AVCDecoderConfigurationRecord parameter set runs past the end");
            }

            list[i] = data.Slice(pos, n).ToArray();
            pos += n;
        }

        return list;
    }

    private static void WriteList(byte[] output, ref int pos, IReadOnlyList<ReadOnlyMemory<byte>> list)
    {
        foreach (var item in list)
        {
            if (item.Length > ushort.MaxValue)
            {
                throw new MediaFormatException("parameter set longer than 65535 bytes");
            }

            BinaryPrimitives.WriteUInt16BigEndian(output.AsSpan(pos), (ushort)item.Length);
            item.Span.CopyTo(output.AsSpan(pos + 2));
            pos += 2 + item.Length;
        }
    }
}
