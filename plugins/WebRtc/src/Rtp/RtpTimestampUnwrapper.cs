namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// Extends 32-bit RTP timestamps to 64 bits relative to the first one (which maps to 0): each value is placed nearest
/// the previous one, so streams longer than 2^32 ticks (13 h at 90 kHz) and reordered packets around a wrap stay monotonic.
/// </summary>
public sealed class RtpTimestampUnwrapper
{
    private uint _first;
    private long _last;
    private bool _started;

    /// <summary>Whether a timestamp has been seen.</summary>
    public bool Started => _started;

    /// <summary>Returns ticks since the first timestamp (negative for a reordered packet from before it).</summary>
    public long Unwrap(uint timestamp)
    {
        if (!_started)
        {
            _started = true;
            _first = timestamp;
            _last = 0;
            return 0;
        }

        var delta = (int)(timestamp - (uint)(_first + _last));
        _last += delta;
        return _last;
    }

    /// <summary>Forgets the origin; the next timestamp maps to 0 again.</summary>
    public void Reset() => _started = false;
}
