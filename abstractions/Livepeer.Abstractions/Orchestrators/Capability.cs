namespace Livepeer.Abstractions.Orchestrators;

/// <summary>Capability numbers as go-livepeer defines them (<c>core/capabilities.go</c>); the value is the bit index.</summary>
public enum Capability
{
    /// <summary>H.264 transcoding.</summary>
    H264 = 0,
    /// <summary>MPEG-TS segments.</summary>
    MpegTs = 1,
    /// <summary>MP4 segments.</summary>
    Mp4 = 2,
    /// <summary>Fractional frame rates.</summary>
    FractionalFramerates = 3,
    /// <summary>Direct storage.</summary>
    StorageDirect = 4,
    /// <summary>S3 storage.</summary>
    StorageS3 = 5,
    /// <summary>Google Cloud storage.</summary>
    StorageGcs = 6,
    /// <summary>H.264 Baseline profile output.</summary>
    ProfileH264Baseline = 7,
    /// <summary>H.264 Main profile output.</summary>
    ProfileH264Main = 8,
    /// <summary>H.264 High profile output.</summary>
    ProfileH264High = 9,
    /// <summary>H.264 Constrained High profile output.</summary>
    ProfileH264ConstrainedHigh = 10,
    /// <summary>Custom GOP.</summary>
    Gop = 11,
    /// <summary>Auth tokens (mandatory for orchestrators).</summary>
    AuthToken = 12,
    /// <summary>Scene classification (deprecated).</summary>
    SceneClassification = 13,
    /// <summary>MPEG-7 video signature.</summary>
    Mpeg7VideoSignature = 14,
    /// <summary>HEVC decode.</summary>
    HevcDecode = 15,
    /// <summary>HEVC encode.</summary>
    HevcEncode = 16,
    /// <summary>VP8 decode.</summary>
    Vp8Decode = 17,
    /// <summary>VP9 decode.</summary>
    Vp9Decode = 18,
    /// <summary>VP8 encode.</summary>
    Vp8Encode = 19,
    /// <summary>VP9 encode.</summary>
    Vp9Encode = 20,
    /// <summary>H.264 4:4:4 8-bit decode.</summary>
    H264Decode444_8Bit = 21,
    /// <summary>H.264 4:2:2 8-bit decode.</summary>
    H264Decode422_8Bit = 22,
    /// <summary>H.264 4:4:4 10-bit decode.</summary>
    H264Decode444_10Bit = 23,
    /// <summary>H.264 4:2:2 10-bit decode.</summary>
    H264Decode422_10Bit = 24,
    /// <summary>H.264 4:2:0 10-bit decode.</summary>
    H264Decode420_10Bit = 25,
    /// <summary>Segment slicing.</summary>
    SegmentSlicing = 26,
    /// <summary>AI text-to-image.</summary>
    TextToImage = 27,
    /// <summary>AI image-to-image.</summary>
    ImageToImage = 28,
    /// <summary>AI image-to-video.</summary>
    ImageToVideo = 29,
    /// <summary>AI upscale.</summary>
    Upscale = 30,
    /// <summary>AI audio-to-text.</summary>
    AudioToText = 31,
    /// <summary>AI segment-anything-2.</summary>
    SegmentAnything2 = 32,
    /// <summary>AI LLM.</summary>
    Llm = 33,
    /// <summary>AI image-to-text.</summary>
    ImageToText = 34,
    /// <summary>Live video-to-video.</summary>
    LiveVideoToVideo = 35,
    /// <summary>AI text-to-speech.</summary>
    TextToSpeech = 36,
    /// <summary>Bring-your-own-container capabilities; the capability name travels as the constraint.</summary>
    Byoc = 37,
}
