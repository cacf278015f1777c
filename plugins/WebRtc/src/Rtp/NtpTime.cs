namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// NTP timestamps as RTCP carries them (RFC 3550 §4): seconds since 1900-01-01 UTC in the upper 32 bits, the
/// fraction of a second in the lower 32 (era 0, which runs until 2036, as every RTP stack assumes).
/// </summary>
public static class NtpTime
{
    private static readonly DateTimeOffset Epoch = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The 64-bit NTP timestamp of <paramref name="time"/>.</summary>
    public static ulong From(DateTimeOffset time)
    {
        var ticks = (time - Epoch).Ticks;
        var seconds = (ulong)(ticks / TimeSpan.TicksPerSecond);
        var fraction = (ulong)(ticks % TimeSpan.TicksPerSecond) * (1UL << 32) / TimeSpan.TicksPerSecond;
        return (seconds << 32) | fraction;
    }

    /// <summary>The time of a 64-bit NTP timestamp.</summary>
    public static DateTimeOffset ToDateTime(ulong ntp)
    {
        var seconds = (long)(ntp >> 32);
        var fractionTicks = (long)((((ntp & 0xFFFF_FFFF) * TimeSpan.TicksPerSecond) + (1UL << 31)) >> 32); // rounded
        return Epoch.AddTicks((seconds * TimeSpan.TicksPerSecond) + fractionTicks);
    }

    /// <summary>The middle 32 bits (RFC 3550 §6.4.1 LSR, and the 1/65536 s units of DLSR and round-trip times).</summary>
    public static uint Middle(ulong ntp) => (uint)(ntp >> 16);
}
