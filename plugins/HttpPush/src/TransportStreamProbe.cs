using Livepeer.Abstractions.Media;
using Livepeer.Media;
using Livepeer.Media.MpegTs;

namespace Livepeer.Plugins.HttpPush;

/// <summary>
/// Checks that a pushed body is an MPEG transport stream (ISO/IEC 13818-1) and reads its track list, with the
/// shared demuxer: whole 188-byte packets, none malformed, and a PAT/PMT (CRC-checked) listing at least one
/// elementary stream.
/// </summary>
internal static class TransportStreamProbe
{
    /// <summary>The size of a transport stream packet.</summary>
    public const int PacketSize = TsPacket.Size;

    /// <summary>The elementary streams the PMT lists, or <c>null</c> when <paramref name="data"/> is not a usable transport stream.</summary>
    public static IReadOnlyList<TrackInfo>? Probe(ReadOnlySpan<byte> data)
    {
        if (data.Length < PacketSize * 2 || data.Length % PacketSize != 0)
        {
            return null;
        }

        var demuxer = new TsDemuxer();
        try
        {
            demuxer.Push(data);
        }
        catch (MediaFormatException)
        {
            return null;
        }

        if (demuxer.MalformedPackets > 0 || demuxer.Tracks.Count == 0)
        {
            return null;
        }

        return [.. demuxer.Tracks.Select(t => { var (kind, codec) = Describe(t); return new TrackInfo(t.Pid, kind, codec) { Channels = t.OpusChannels }; })];
    }

    // ISO/IEC 13818-1 Table 2-34 stream_type values this node meets.
    private static (TrackKind Kind, string Codec) Describe(TsTrack track) => track.Codec switch
    {
        TsCodec.H264 => (TrackKind.Video, "h264"),
        TsCodec.H265 => (TrackKind.Video, "hevc"),
        TsCodec.Aac => (TrackKind.Audio, "aac"),
        TsCodec.Opus => (TrackKind.Audio, "opus"),
        _ => track.StreamType switch
        {
            0x02 => (TrackKind.Video, "mpeg2video"),
            0x03 or 0x04 => (TrackKind.Audio, "mp3"),
            0x11 => (TrackKind.Audio, "aac"),
            0x81 => (TrackKind.Audio, "ac3"),
            _ => (TrackKind.Data, $"stream-type-0x{track.StreamType:x2}"),
        },
    };
}
