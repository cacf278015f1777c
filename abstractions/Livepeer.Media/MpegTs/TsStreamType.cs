namespace Livepeer.Media.MpegTs;

/// <summary>stream_type values in a PMT (ISO/IEC 13818-1 Table 2-34) that this library knows.</summary>
public static class TsStreamType
{
    /// <summary>ISO/IEC 11172-3 (MPEG-1) audio.</summary>
    public const byte Mpeg1Audio = 0x03;

    /// <summary>PES private data: Opus (with the 'Opus' registration descriptor), AC-3, subtitles, ….</summary>
    public const byte PrivateData = 0x06;

    /// <summary>AAC with ADTS framing (ISO/IEC 13818-7).</summary>
    public const byte AacAdts = 0x0F;

    /// <summary>H.264 / AVC (ITU-T H.264).</summary>
    public const byte H264 = 0x1B;

    /// <summary>H.265 / HEVC.</summary>
    public const byte H265 = 0x24;
}
