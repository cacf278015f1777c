namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// Extends 16-bit sequence numbers to a wrap-safe 64-bit counter (RFC 3550 A.1's cycles × 2^16 + seq): each value is
/// placed nearest the highest one seen, so late packets from before a wrap get the previous cycle.
/// </summary>
public sealed class RtpSequenceUnwrapper
{
    private long _highest = -1;

    /// <summary>The highest extended sequence number seen, or -1.</summary>
    public long Highest => _highest;

    /// <summary>Returns the extended sequence number of <paramref name="sequence"/>.</summary>
    public long Unwrap(ushort sequence)
    {
        if (_highest < 0)
        {
            _highest = sequence + 65536L; // start in cycle 1 so a packet from just before the first is not negative
            return _highest;
        }

        var delta = (short)(sequence - (ushort)_highest);
        var extended = _highest + delta;
        if (extended > _highest)
        {
            _highest = extended;
        }

        return extended;
    }
}
