using System.Globalization;
using System.Text;
using Livepeer.Abstractions.Media;
using Livepeer.Abstractions.Transcoding;

namespace Livepeer.Plugins.Hls;

/// <summary>Writes RFC 8216 playlists.</summary>
internal static class PlaylistWriter
{
    /// <summary>RFC 8216 §4: the MIME type of a playlist served over HTTP.</summary>
    public const string ContentType = "application/vnd.apple.mpegurl";

    // Until the first segment shows a real rate, BANDWIDTH (which RFC 8216 §4.3.4.2 requires) is a guess.
    private const long UnknownBandwidth = 2_000_000;

    /// <summary>
    /// The master playlist (RFC 8216 §4.3.4.2): the source rendition always, other renditions once they have a
    /// segment. URIs are relative to <c>/stream/{id}.m3u8</c>, so they also work from <c>/stream/current.m3u8</c>.
    /// </summary>
    public static string Master(HlsStream stream)
    {
        var descriptor = stream.Descriptor;
        var text = new StringBuilder();
        text.Append("#EXTM3U\n#EXT-X-VERSION:3\n");
        foreach (var rendition in stream.Renditions)
        {
            var isSource = rendition.Name == StreamDescriptor.SourceRendition;
            if (!isSource && !rendition.HasSegments)
            {
                continue;
            }

            var profile = descriptor.Profiles.FirstOrDefault(p => p.Name == rendition.Name);
            var (width, height) = Resolution(descriptor, profile, isSource);
            var bandwidth = rendition.PeakBitsPerSecond > 0 ? rendition.PeakBitsPerSecond
                : profile is { Bitrate: > 0 } ? profile.Bitrate : UnknownBandwidth;
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-STREAM-INF:PROGRAM-ID=1,BANDWIDTH={bandwidth}");
            if (width > 0 && height > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $",RESOLUTION={width}x{height}");
            }

            text.Append(CultureInfo.InvariantCulture, $"\n{Uri.EscapeDataString(stream.Id)}/{Uri.EscapeDataString(rendition.Name)}.m3u8\n");
        }

        return text.ToString();
    }

    /// <summary>A media playlist (RFC 8216 §4.3.3): the window, its sequence numbers, and EXT-X-ENDLIST once ended.</summary>
    public static string Media(string rendition, MediaPlaylistSnapshot snapshot)
    {
        var text = new StringBuilder();
        text.Append("#EXTM3U\n#EXT-X-VERSION:3\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-TARGETDURATION:{snapshot.TargetDuration}\n");
        text.Append(CultureInfo.InvariantCulture, $"#EXT-X-MEDIA-SEQUENCE:{snapshot.MediaSequence}\n");
        if (snapshot.DiscontinuitySequence > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"#EXT-X-DISCONTINUITY-SEQUENCE:{snapshot.DiscontinuitySequence}\n");
        }

        var prefix = Uri.EscapeDataString(rendition);
        foreach (var segment in snapshot.Segments)
        {
            if (segment.Discontinuity)
            {
                text.Append("#EXT-X-DISCONTINUITY\n");
            }

            // RFC 8216 §4.3.2.1: decimal-floating-point durations need version 3.
            text.Append(CultureInfo.InvariantCulture, $"#EXTINF:{segment.Duration.TotalSeconds:0.000},\n{prefix}/{segment.Sequence}{segment.Extension}\n");
        }

        if (snapshot.Ended)
        {
            text.Append("#EXT-X-ENDLIST\n");
        }

        return text.ToString();
    }

    private static (int Width, int Height) Resolution(StreamDescriptor descriptor, TranscodeProfile? profile, bool isSource)
    {
        if (profile is { Width: > 0, Height: > 0 })
        {
            return (profile.Width, profile.Height);
        }

        return isSource && descriptor.Tracks.FirstOrDefault(t => t.Kind == TrackKind.Video && t.Width > 0 && t.Height > 0) is { } video
            ? (video.Width, video.Height)
            : (0, 0);
    }
}
