namespace Livepeer.Host.Gateway;

/// <summary>
/// The schedule of the discovery timer (§5.2 step 6): it first fires after the discovery timeout; each time it
/// fires with nothing accepted it is re-armed for the current timeout, which then doubles, capped at the cutoff
/// (waits 0.5, 0.5, 1, 2, 4 s with the 500 ms default); the cutoff ends discovery regardless.
/// </summary>
internal sealed class DiscoveryWaits
{
    /// <summary>go-livepeer's <c>maxGetOrchestratorCutoffTimeout</c>.</summary>
    public static readonly TimeSpan DefaultCutoff = TimeSpan.FromSeconds(6);

    private readonly TimeSpan _cutoff;
    private TimeSpan _next;

    public DiscoveryWaits(TimeSpan discoveryTimeout, TimeSpan cutoff)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(discoveryTimeout, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(cutoff, TimeSpan.Zero);
        _cutoff = cutoff;
        _next = Min(discoveryTimeout, cutoff);
        Due = _next;
    }

    /// <summary>When, from the start of discovery, the timer fires next.</summary>
    public TimeSpan Due { get; private set; }

    /// <summary>The timer fired with nothing accepted: re-arm it and double the next wait.</summary>
    public void Rearm()
    {
        Due += _next;
        _next = Min(_next * 2, _cutoff);
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;
}
