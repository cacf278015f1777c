namespace Livepeer.Plugins.WebRtc.Media;

/// <summary>Settings of an <see cref="RtpToTsSegmenter"/>.</summary>
public sealed record RtpToTsOptions
{
    /// <summary>Whether an Opus audio track was negotiated (it is written to every segment's PMT).</summary>
    public bool HasAudio { get; init; }

    /// <summary>Opus channel count for the PMT descriptor.</summary>
    public int OpusChannels { get; init; } = 2;

    /// <summary>upstream's <c>LIVE_AI_MIN_SEG_DUR</c> (default 1 s): segments end at the first IDR at least this long after their start.</summary>
    public TimeSpan MinSegmentDuration { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The 90 kHz timestamp the first video access unit gets (so PCR = DTS − 100 ms stays positive).</summary>
    public long StartTimestamp { get; init; } = 90_000;
}
