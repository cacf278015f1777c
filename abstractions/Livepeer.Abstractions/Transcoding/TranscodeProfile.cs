namespace Livepeer.Abstractions.Transcoding;

/// <summary>One output rendition (<c>net.VideoProfile</c>).</summary>
/// <param name="Name">The rendition name, e.g. <c>P360p30fps16x9</c>.</param>
/// <param name="Width">Output width in pixels.</param>
/// <param name="Height">Output height in pixels.</param>
/// <param name="Bitrate">Target bitrate in bits per second.</param>
/// <param name="Framerate">Frames per second (numerator); 0 keeps the source rate.</param>
public sealed record TranscodeProfile(string Name, int Width, int Height, int Bitrate, int Framerate)
{
    /// <summary>Frame-rate denominator; 1 for whole rates.</summary>
    public int FramerateDenominator { get; init; } = 1;

    /// <summary>Output codec.</summary>
    public VideoCodec Codec { get; init; } = VideoCodec.H264;

    /// <summary>H.264 profile.</summary>
    public H264Profile Profile { get; init; } = H264Profile.EncoderDefault;

    /// <summary>Keyframe interval; <c>null</c> for the encoder's default, <see cref="TimeSpan.Zero"/> for intra-only.</summary>
    public TimeSpan? Gop { get; init; }

    /// <summary>Output container.</summary>
    public SegmentFormat Format { get; init; } = SegmentFormat.MpegTs;

    /// <summary>Bits per colour component.</summary>
    public int ColorDepth { get; init; } = 8;

    /// <summary>Chroma subsampling.</summary>
    public ChromaSubsampling Chroma { get; init; } = ChromaSubsampling.Chroma420;

    /// <summary>Encoder quality (CRF-like); 0 for bitrate control.</summary>
    public int Quality { get; init; }

    /// <summary>Pixels of <paramref name="duration"/> of this rendition: width × height × ceil(fps) × ceil(seconds).</summary>
    public long EstimatePixels(TimeSpan duration)
    {
        var fps = Framerate == 0 ? 60 : (int)Math.Ceiling((double)Framerate / Math.Max(1, FramerateDenominator));
        return (long)Width * Height * fps * (long)Math.Ceiling(duration.TotalSeconds);
    }
}
