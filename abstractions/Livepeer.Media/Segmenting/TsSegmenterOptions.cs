using Livepeer.Media.MpegTs;

namespace Livepeer.Media.Segmenting;

/// <summary>Settings of a <see cref="TsSegmenter"/>.</summary>
public sealed record TsSegmenterOptions
{
    /// <summary>The shortest segment go-livepeer cuts (LIVE_AI_MIN_SEG_DUR default, protocols §7.3).</summary>
    public static readonly TimeSpan MinimumDuration = TimeSpan.FromSeconds(1);

    /// <summary>Target segment duration: a segment ends at the first keyframe at least this far from its start. Default 2 s, minimum 1 s.</summary>
    public TimeSpan TargetDuration { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the stream has an H.264 video track (segments are then cut on IDR frames only).</summary>
    public bool HasVideo { get; init; } = true;

    /// <summary>The audio codec: <see cref="TsCodec.Aac"/>, <see cref="TsCodec.Opus"/>, or <see cref="TsCodec.Unknown"/> for no audio.</summary>
    public TsCodec AudioCodec { get; init; } = TsCodec.Unknown;

    /// <summary>Opus channel count written to the PMT.</summary>
    public int OpusChannels { get; init; } = 2;

    /// <summary>Muxer settings for every segment.</summary>
    public TsMuxerOptions Muxer { get; init; } = new();

    /// <summary>Throws <see cref="ArgumentException"/> when a setting is out of range.</summary>
    public void Validate()
    {
        if (TargetDuration < MinimumDuration)
        {
            throw new ArgumentException($"target segment duration {TargetDuration} is below the 1 s minimum", nameof(TargetDuration));
        }

        if (!HasVideo && AudioCodec == TsCodec.Unknown)
        {
            throw new ArgumentException("a segmenter needs video or audio", nameof(AudioCodec));
        }

        if (AudioCodec is not (TsCodec.Unknown or TsCodec.Aac or TsCodec.Opus))
        {
            throw new ArgumentException($"audio codec {AudioCodec} is not segmentable", nameof(AudioCodec));
        }
    }
}
