namespace Livepeer.Media.MpegTs;

/// <summary>The codec of an elementary stream, as far as this library understands it.</summary>
public enum TsCodec
{
    /// <summary>A stream type this library passes through without understanding.</summary>
    Unknown = 0,

    /// <summary>H.264 in Annex B form (stream_type 0x1B).</summary>
    H264 = 1,

    /// <summary>AAC in ADTS frames (stream_type 0x0F).</summary>
    Aac = 2,

    /// <summary>Opus (stream_type 0x06 with an 'Opus' registration descriptor), framed with Opus control headers.</summary>
    Opus = 3,

    /// <summary>H.265 in Annex B form (stream_type 0x24); demuxed only.</summary>
    H265 = 4,
}
