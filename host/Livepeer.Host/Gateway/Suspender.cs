namespace Livepeer.Host.Gateway;

/// <summary>
/// Which orchestrators a stream stopped using after errors, and for how many pool refreshes (go-livepeer
/// <c>server/suspensions.go</c>, §5.6). An orchestrator suspended with a penalty of <c>p</c> stays suspended
/// until <c>p</c> more refreshes have been signalled; suspended orchestrators are only used when too few
/// others answer discovery. One per stream; thread-safe.
/// </summary>
internal sealed class Suspender
{
    private readonly Dictionary<Uri, int> _until = [];
    private readonly Lock _lock = new();
    private int _refreshes;

    /// <summary>Refreshes signalled so far.</summary>
    public int Refreshes
    {
        get
        {
            lock (_lock)
            {
                return _refreshes;
            }
        }
    }

    /// <summary>
    /// Suspends <paramref name="orchestrator"/> for <paramref name="penalty"/> refreshes from now. Upstream callers
    /// pass <c>count + penalty</c>; here the count is added for them.
    /// </summary>
    public void Suspend(Uri orchestrator, int penalty)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(penalty);
        lock (_lock)
        {
            var until = _refreshes + penalty;
            _until[orchestrator] = Math.Max(until, _until.GetValueOrDefault(orchestrator));
        }
    }

    /// <summary>
    /// The refresh count until which <paramref name="orchestrator"/> is suspended (its penalty rank: lower is
    /// sooner free), or 0 when it is not suspended. An expired entry is forgotten.
    /// </summary>
    public int Suspended(Uri orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        lock (_lock)
        {
            if (!_until.TryGetValue(orchestrator, out var until))
            {
                return 0;
            }

            if (until < _refreshes)
            {
                _until.Remove(orchestrator);
                return 0;
            }

            return until;
        }
    }

    /// <summary>Counts one pool refresh; suspensions wear off as refreshes pass.</summary>
    public void SignalRefresh()
    {
        lock (_lock)
        {
            _refreshes++;
        }
    }

    /// <summary>go-livepeer's transcoding penalty: <c>ceil(max(1, poolSize) / max(1, numOrchs))</c>.</summary>
    public static int TranscodingPenalty(int poolSize, int numOrchestrators) =>
        (int)Math.Ceiling(Math.Max(1, poolSize) / (double)Math.Max(1, numOrchestrators));
}
