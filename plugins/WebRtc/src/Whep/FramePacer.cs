namespace Livepeer.Plugins.WebRtc.Whep;

/// <summary>
/// Releases frames at the pace of their timestamps (90 kHz): hub segments arrive whole, a player wants frames
/// spread as they were captured. The first frame goes at once; a timestamp jump (a new source after an
/// orchestrator swap, a gap) or falling more than <see cref="MaxLag"/> behind re-anchors on the frame at hand
/// instead of bursting or stalling.
/// </summary>
internal sealed class FramePacer(TimeProvider time)
{
    /// <summary>How late a frame may be before the pacer gives up catching up and re-anchors.</summary>
    public static readonly TimeSpan MaxLag = TimeSpan.FromMilliseconds(500);

    /// <summary>A forward jump larger than this is a discontinuity, not a wait.</summary>
    public static readonly TimeSpan MaxJump = TimeSpan.FromSeconds(3);

    private long _anchorTimestamp;
    private long _anchorTicks;
    private long _lastTimestamp;
    private bool _anchored;

    /// <summary>Re-anchors counted so far (jumps and lag).</summary>
    public long Reanchors { get; private set; }

    /// <summary>How long to wait before sending a frame with <paramref name="timestamp"/> (90 kHz); zero to send now.</summary>
    public TimeSpan DelayFor(long timestamp)
    {
        var now = time.GetTimestamp();
        if (!_anchored || timestamp < _lastTimestamp - 90_000 || timestamp > _lastTimestamp + (long)(MaxJump.TotalSeconds * 90_000))
        {
            Anchor(timestamp, now, counted: _anchored);
            return TimeSpan.Zero;
        }

        _lastTimestamp = Math.Max(_lastTimestamp, timestamp);
        var due = TimeSpan.FromTicks((timestamp - _anchorTimestamp) * TimeSpan.TicksPerSecond / 90_000);
        var elapsed = time.GetElapsedTime(_anchorTicks, now);
        var wait = due - elapsed;
        if (wait < -MaxLag)
        {
            Anchor(timestamp, now, counted: true);
            return TimeSpan.Zero;
        }

        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }

    private void Anchor(long timestamp, long now, bool counted)
    {
        _anchored = true;
        _anchorTimestamp = timestamp;
        _anchorTicks = now;
        _lastTimestamp = timestamp;
        if (counted)
        {
            Reanchors++;
        }
    }
}
