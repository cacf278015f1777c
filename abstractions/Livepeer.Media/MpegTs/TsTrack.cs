namespace Livepeer.Media.MpegTs;

/// <summary>One elementary stream listed in a PMT (ISO/IEC 13818-1 §2.4.4.8).</summary>
/// <param name="Pid">The elementary PID.</param>
/// <param name="StreamType">stream_type from the PMT (see <see cref="TsStreamType"/>).</param>
/// <param name="Codec">The codec this library recognises.</param>
public sealed record TsTrack(int Pid, byte StreamType, TsCodec Codec)
{
    /// <summary>Opus channel count from the extension descriptor (0 when not Opus or not given).</summary>
    public int OpusChannels { get; init; }

    /// <summary>Whether the track is video.</summary>
    public bool IsVideo => Codec is TsCodec.H264 or TsCodec.H265;

    /// <summary>Whether the track is audio.</summary>
    public bool IsAudio => Codec is TsCodec.Aac or TsCodec.Opus || StreamType == TsStreamType.Mpeg1Audio;
}
