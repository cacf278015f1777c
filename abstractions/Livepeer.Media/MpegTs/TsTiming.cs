namespace Livepeer.Media.MpegTs;

/// <summary>
/// The timing of one whole MPEG-TS segment read back from its PES timestamps: what a relay needs to republish a
/// segment it did not cut itself (a worker's output, a pushed segment) with a start time and a duration.
/// </summary>
/// <param name="StartPts">The first video DTS (or the first audio PTS when there is no video), 90 kHz.</param>
/// <param name="Duration">From the first to the last frame, plus one frame (the mean frame spacing).</param>
/// <param name="HasVideo">Whether an H.264/H.265 track carried frames.</param>
/// <param name="StartsWithKeyframe">Whether the first video frame is a random-access point (true for audio only).</param>
public sealed record TsTiming(long StartPts, TimeSpan Duration, bool HasVideo, bool StartsWithKeyframe)
{
    /// <summary><see cref="StartPts"/> as a time span.</summary>
    public TimeSpan StartTime => TimeSpan.FromTicks(StartPts * TimeSpan.TicksPerSecond / TsPacket.ClockRate);

    /// <summary>
    /// Measures <paramref name="segment"/>; <c>null</c> when it holds no timestamped frame (not a transport stream,
    /// or no PAT/PMT). Malformed packets are skipped, as the demuxer does.
    /// </summary>
    public static TsTiming? Measure(ReadOnlySpan<byte> segment)
    {
        var video = new Span(isVideo: true);
        var audio = new Span(isVideo: false);
        var demuxer = new TsDemuxer();
        demuxer.FrameReceived += frame =>
        {
            if (!frame.HasTimestamp)
            {
                return;
            }

            if (frame.Track.IsVideo)
            {
                video.Add(frame.Dts, frame.IsKeyframe);
            }
            else if (frame.Track.IsAudio)
            {
                audio.Add(frame.Pts, frame.IsKeyframe);
            }
        };

        try
        {
            demuxer.Push(segment);
        }
        catch (MediaFormatException)
        {
            // the damaged packets were dropped; the rest still counts
        }

        try
        {
            demuxer.Flush();
        }
        catch (MediaFormatException)
        {
        }

        var main = video.Count > 0 ? video : audio;
        return main.Count == 0 ? null : new TsTiming(main.First, main.Duration, video.Count > 0, video.Count == 0 || video.FirstIsKeyframe);
    }

    private sealed class Span(bool isVideo)
    {
        public int Count { get; private set; }

        public long First { get; private set; }

        public bool FirstIsKeyframe { get; private set; }

        private long Last { get; set; }

        public TimeSpan Duration
        {
            get
            {
                var span = Last - First;
                var ticks = Count > 1 ? span + (span / (Count - 1)) : 0;
                return TimeSpan.FromTicks(Math.Max(0, ticks) * TimeSpan.TicksPerSecond / TsPacket.ClockRate);
            }
        }

        public void Add(long timestamp, bool keyframe)
        {
            if (Count == 0)
            {
                First = timestamp;
                Last = timestamp;
                FirstIsKeyframe = !isVideo || keyframe;
            }
            else
            {
                // B-frame reordering cannot make DTS go back; PTS of audio only grows, but be safe with both.
                First = Math.Min(First, timestamp);
                Last = Math.Max(Last, timestamp);
            }

            Count++;
        }
    }
}
