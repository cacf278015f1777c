namespace Livepeer.Media.Flv;

/// <summary>FLV tag types (FLV spec v10, E.4.1 TagType).</summary>
public enum FlvTagType : byte
{
    /// <summary>Audio data (8).</summary>
    Audio = 8,

    /// <summary>Video data (9).</summary>
    Video = 9,

    /// <summary>Script data: AMF0 name and value (18).</summary>
    ScriptData = 18,
}

/// <summary>Video frame types (FLV spec v10, E.4.3.1 FrameType).</summary>
public enum FlvVideoFrameType : byte
{
    /// <summary>A keyframe (for AVC, a seekable frame).</summary>
    Keyframe = 1,

    /// <summary>An inter frame (for AVC, a non-seekable frame).</summary>
    InterFrame = 2,

    /// <summary>A disposable inter frame (H.263 only).</summary>
    DisposableInterFrame = 3,

    /// <summary>A generated keyframe (server use only).</summary>
    GeneratedKeyframe = 4,

    /// <summary>A video info/command frame.</summary>
    VideoInfoCommand = 5,
}

/// <summary>Video codec ids (FLV spec v10, E.4.3.1 CodecID).</summary>
public enum FlvVideoCodec : byte
{
    /// <summary>Sorenson H.263.</summary>
    SorensonH263 = 2,

    /// <summary>Screen video.</summary>
    ScreenVideo = 3,

    /// <summary>On2 VP6.</summary>
    Vp6 = 4,

    /// <summary>On2 VP6 with alpha.</summary>
    Vp6Alpha = 5,

    /// <summary>Screen video version 2.</summary>
    ScreenVideo2 = 6,

    /// <summary>AVC (H.264).</summary>
    Avc = 7,
}

/// <summary>AVC packet types (FLV spec v10, E.4.3.1 AVCPacketType).</summary>
public enum AvcPacketType : byte
{
    /// <summary>An AVCDecoderConfigurationRecord (SPS/PPS).</summary>
    SequenceHeader = 0,

    /// <summary>One or more length-prefixed NAL units: one access unit.</summary>
    Nalu = 1,

    /// <summary>End of sequence; the body is empty.</summary>
    EndOfSequence = 2,
}

/// <summary>Sound formats (FLV spec v10, E.4.2.1 SoundFormat); only the ones this node meets are named.</summary>
public enum FlvSoundFormat : byte
{
    /// <summary>Linear PCM, platform endian.</summary>
    LinearPcm = 0,

    /// <summary>ADPCM.</summary>
    Adpcm = 1,

    /// <summary>MP3.</summary>
    Mp3 = 2,

    /// <summary>Linear PCM, little endian.</summary>
    LinearPcmLittleEndian = 3,

    /// <summary>G.711 A-law.</summary>
    G711ALaw = 7,

    /// <summary>G.711 mu-law.</summary>
    G711MuLaw = 8,

    /// <summary>AAC.</summary>
    Aac = 10,

    /// <summary>Speex.</summary>
    Speex = 11,
}

/// <summary>AAC packet types (FLV spec v10, E.4.2.1 AACPacketType).</summary>
public enum AacPacketType : byte
{
    /// <summary>An AudioSpecificConfig.</summary>
    SequenceHeader = 0,

    /// <summary>One raw AAC frame.</summary>
    Raw = 1,
}
