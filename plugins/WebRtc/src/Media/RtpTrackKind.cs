namespace Livepeer.Plugins.WebRtc.Media;

/// <summary>Which RTP stream of a session a packet belongs to.</summary>
public enum RtpTrackKind
{
    /// <summary>The H.264 video stream.</summary>
    Video,

    /// <summary>The Opus audio stream.</summary>
    Audio,
}
