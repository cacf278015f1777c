namespace Livepeer.Plugins.WebRtc.Srtp;

/// <summary>
/// The receiver's per-SSRC state for one direction: the highest index seen and a 64-packet replay window
/// (RFC 3711 §3.3.2), and for SRTP the rollover counter estimate (§3.3.1, Appendix A).
/// </summary>
internal sealed class SrtpReplayWindow
{
    /// <summary>Packets kept in the sliding window (RFC 3711 §3.3.2 asks at least 64).</summary>
    public const int Size = 64;

    private ulong _bitmap;
    private bool _started;

    /// <summary>True once an index was accepted.</summary>
    public bool Started => _started;

    /// <summary>The highest authenticated index (48-bit for SRTP: ROC·2^16 + SEQ; 31-bit for SRTCP).</summary>
    public ulong Highest { get; private set; }

    /// <summary>
    /// The index a received SRTP sequence number most likely has (§3.3.1 / Appendix A): the guess v for the ROC is
    /// ROC−1, ROC or ROC+1, whichever puts the packet nearest the highest sequence number seen.
    /// </summary>
    public ulong EstimateRtpIndex(ushort sequence)
    {
        if (!_started)
        {
            return sequence;
        }

        var roc = (long)(Highest >> 16);
        var sl = (int)(Highest & 0xFFFF);
        long v;
        if (sl < 0x8000)
        {
            v = sequence - sl > 0x8000 ? roc - 1 : roc;
        }
        else
        {
            v = sl - 0x8000 > sequence ? roc + 1 : roc;
        }

        return v < 0 ? ulong.MaxValue : ((ulong)v << 16) | sequence; // v < 0: before the first rollover, unauthentic
    }

    /// <summary>False when <paramref name="index"/> was already received or is older than the window.</summary>
    public bool IsFresh(ulong index)
    {
        if (!_started || index > Highest)
        {
            return true;
        }

        var age = Highest - index;
        return age < Size && (_bitmap & (1UL << (int)age)) == 0;
    }

    /// <summary>Records an authenticated index (call only after authentication, §3.3.2).</summary>
    public void Accept(ulong index)
    {
        if (!_started)
        {
            _started = true;
            Highest = index;
            _bitmap = 1;
            return;
        }

        if (index > Highest)
        {
            var shift = index - Highest;
            _bitmap = shift >= Size ? 1 : (_bitmap << (int)shift) | 1;
            Highest = index;
        }
        else
        {
            _bitmap |= 1UL << (int)(Highest - index);
        }
    }
}
