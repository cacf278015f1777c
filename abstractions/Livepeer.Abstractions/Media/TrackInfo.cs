namespace Livepeer.Abstractions.Media;

/// <summary>Kinds of elementary stream.</summary>
public enum TrackKind
{
    /// <summary>Video.</summary>
    Video,

    /// <summary>Audio.</summary>
    Audio,

    /// <summary>Timed data.</summary>
    Data,
}

/// <summary>One elementary stream of a media stream.</summary>
/// <param name="Id">Track id (the PID for MPEG-TS, the SSRC's track index for RTP).</param>
/// <param name="Kind">Video, audio or data.</param>
/// <param name="Codec">Codec name in lower case: <c>h264</c>, <c>aac</c>, <c>opus</c>, ….</param>
public sealed record TrackInfo(int Id, TrackKind Kind, string Codec)
{
    /// <summary>Video width in pixels; 0 when unknown or not video.</summary>
    public int Width { get; init; }

    /// <summary>Video height in pixels; 0 when unknown or not video.</summary>
    public int Height { get; init; }

    /// <summary>Audio sample rate in Hz; 0 when unknown or not audio.</summary>
    public int SampleRate { get; init; }

    /// <summary>Audio channel count; 0 when unknown or not audio.</summary>
    public int Channels { get; init; }
}
