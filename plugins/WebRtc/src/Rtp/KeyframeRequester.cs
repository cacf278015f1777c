namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// When to ask a WHIP publisher for a keyframe (PLI, RFC 4585 §6.3.1): whenever none has arrived for
/// <see cref="Interval"/> — at the start, and every 2 s from browsers, whose encoders make keyframes only when asked
/// (upstream's pion <c>intervalpli</c> asks every 2 s regardless; an encoder with a GOP under 2 s is never asked
/// here) — and soon after unrecovered loss, but never more than once per <see cref="MinimumSpacing"/> (loss comes in
/// bursts) nor twice within <see cref="Interval"/> for the same wait. Not thread-safe.
/// </summary>
public sealed class KeyframeRequester
{
    private readonly TimeProvider _time;
    private long _lastRequest;
    private long _lastKeyframe;
    private bool _requested;
    private bool _keyframeSeen;
    private bool _urgent = true;

    /// <summary>Creates the policy.</summary>
    public KeyframeRequester(TimeProvider time, TimeSpan? interval = null, TimeSpan? minimumSpacing = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Interval = interval ?? TimeSpan.FromSeconds(2);
        MinimumSpacing = minimumSpacing ?? TimeSpan.FromMilliseconds(500);
    }

    /// <summary>Longest time without a keyframe before one is asked for; also the time between requests while waiting.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Least time between two requests.</summary>
    public TimeSpan MinimumSpacing { get; }

    /// <summary>Requests sent.</summary>
    public long Requests { get; private set; }

    /// <summary>A keyframe arrived.</summary>
    public void OnKeyframe()
    {
        _keyframeSeen = true;
        _lastKeyframe = _time.GetTimestamp();
        _urgent = false;
    }

    /// <summary>Packets were lost for good: ask for a keyframe soon.</summary>
    public void OnLoss() => _urgent = true;

    /// <summary>Call periodically (e.g. every 20 ms); true when a keyframe request should be sent now.</summary>
    public bool ShouldRequest()
    {
        var now = _time.GetTimestamp();
        var sinceRequest = _requested ? _time.GetElapsedTime(_lastRequest, now) : TimeSpan.MaxValue;
        var sinceKeyframe = _keyframeSeen ? _time.GetElapsedTime(_lastKeyframe, now) : TimeSpan.MaxValue;
        if ((_urgent && sinceRequest >= MinimumSpacing) || (sinceKeyframe >= Interval && sinceRequest >= Interval))
        {
            _requested = true;
            _lastRequest = now;
            _urgent = false;
            Requests++;
            return true;
        }

        return false;
    }
}
