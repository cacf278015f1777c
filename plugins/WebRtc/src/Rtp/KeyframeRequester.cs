namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// When to send a PLI (RFC 4585 §6.3.1) to a WHIP client: every <see cref="Interval"/> (upstream's intervalpli: 2 s)
/// until a keyframe arrives, and again after packet loss until the next keyframe, but never more than once per
/// <see cref="MinimumSpacing"/> (loss usually comes in bursts).
/// </summary>
public sealed class KeyframeRequester
{
    private readonly TimeProvider _time;
    private long _lastRequest;
    private bool _requested;
    private bool _waiting = true;
    private bool _urgent = true;

    /// <summary>Creates the policy.</summary>
    public KeyframeRequester(TimeProvider time, TimeSpan? interval = null, TimeSpan? minimumSpacing = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        Interval = interval ?? TimeSpan.FromSeconds(2);
        MinimumSpacing = minimumSpacing ?? TimeSpan.FromMilliseconds(500);
    }

    /// <summary>Time between requests while waiting for a keyframe.</summary>
    public TimeSpan Interval { get; }

    /// <summary>Least time between two requests.</summary>
    public TimeSpan MinimumSpacing { get; }

    /// <summary>Whether a keyframe is awaited.</summary>
    public bool WaitingForKeyframe => _waiting;

    /// <summary>Requests sent.</summary>
    public long Requests { get; private set; }

    /// <summary>A keyframe arrived: stop asking.</summary>
    public void OnKeyframe()
    {
        _waiting = false;
        _urgent = false;
    }

    /// <summary>Packets were lost: ask for a keyframe soon.</summary>
    public void OnLoss()
    {
        _waiting = true;
        _urgent = true;
    }

    /// <summary>Call periodically (e.g. every 100 ms) and after loss; true when a PLI should be sent now.</summary>
    public bool ShouldRequest()
    {
        if (!_waiting)
        {
            return false;
        }

        var now = _time.GetTimestamp();
        var since = _requested ? _time.GetElapsedTime(_lastRequest, now) : TimeSpan.MaxValue;
        if (since >= Interval || (_urgent && since >= MinimumSpacing))
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
