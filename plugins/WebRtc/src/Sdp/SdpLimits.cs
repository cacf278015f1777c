namespace Livepeer.Plugins.WebRtc.Sdp;

/// <summary>Bounds on parsed SDP, so a hostile offer cannot use unbounded memory or time.</summary>
public static class SdpLimits
{
    /// <summary>Largest accepted SDP body in characters (a Chromium offer with every codec is ~6 KiB).</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Longest accepted line.</summary>
    public const int MaxLineLength = 4096;

    /// <summary>Most media sections (m= lines).</summary>
    public const int MaxMediaSections = 16;

    /// <summary>Most attributes (a= lines) per section.</summary>
    public const int MaxAttributes = 512;

    /// <summary>Most payload formats on one m= line.</summary>
    public const int MaxFormats = 64;
}
