namespace Livepeer.Abstractions.Transcoding;

/// <summary>Output video codec (<c>net.VideoProfile.VideoCodec</c>).</summary>
public enum VideoCodec
{
    /// <summary>H.264 / AVC.</summary>
    H264 = 0,
    /// <summary>H.265 / HEVC.</summary>
    H265 = 1,
    /// <summary>VP8.</summary>
    Vp8 = 2,
    /// <summary>VP9.</summary>
    Vp9 = 3,
}

/// <summary>H.264 profile (<c>net.VideoProfile.Profile</c>).</summary>
public enum H264Profile
{
    /// <summary>Whatever the encoder chooses.</summary>
    EncoderDefault = 0,
    /// <summary>Baseline.</summary>
    Baseline = 1,
    /// <summary>Main.</summary>
    Main = 2,
    /// <summary>High.</summary>
    High = 3,
    /// <summary>Constrained High.</summary>
    ConstrainedHigh = 4,
}

/// <summary>Segment container (<c>net.VideoProfile.Format</c>).</summary>
public enum SegmentFormat
{
    /// <summary>MPEG transport stream.</summary>
    MpegTs = 0,
    /// <summary>MP4.</summary>
    Mp4 = 1,
}

/// <summary>Chroma subsampling (<c>net.VideoProfile.ChromaSubsampling</c>).</summary>
public enum ChromaSubsampling
{
    /// <summary>4:2:0.</summary>
    Chroma420 = 0,
    /// <summary>4:2:2.</summary>
    Chroma422 = 1,
    /// <summary>4:4:4.</summary>
    Chroma444 = 2,
}
