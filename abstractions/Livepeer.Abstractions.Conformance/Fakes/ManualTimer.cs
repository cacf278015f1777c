namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>A timer of <see cref="ManualTimeProvider"/>; its state is guarded by the provider's lock.</summary>
internal sealed class ManualTimer : ITimer
{
    private readonly ManualTimeProvider _owner;
    private readonly TimerCallback _callback;
    private readonly object? _state;
    private TimeSpan _period = System.Threading.Timeout.InfiniteTimeSpan;
    private bool _disposed;

    public ManualTimer(ManualTimeProvider owner, TimerCallback callback, object? state)
    {
        _owner = owner;
        _callback = callback;
        _state = state;
    }

    /// <summary>When the timer fires next; null when stopped.</summary>
    public DateTimeOffset? DueAt { get; private set; }

    public bool Change(TimeSpan dueTime, TimeSpan period)
    {
        var infinite = System.Threading.Timeout.InfiniteTimeSpan;
        if ((dueTime < TimeSpan.Zero && dueTime != infinite) || (period < TimeSpan.Zero && period != infinite))
        {
            throw new ArgumentOutOfRangeException(nameof(dueTime), "Due time and period must be non-negative or infinite.");
        }

        lock (_owner.SyncRoot)
        {
            if (_disposed)
            {
                return false;
            }

            var now = _owner.GetUtcNow();
            _period = period;
            DueAt = dueTime == infinite ? null : now + dueTime;
            return true;
        }
    }

    /// <summary>Called under the provider's lock when the timer fires at <paramref name="now"/>.</summary>
    public void Reschedule(DateTimeOffset now) =>
        DueAt = _period == System.Threading.Timeout.InfiniteTimeSpan || _period == TimeSpan.Zero ? null : now + _period;

    public void Fire() => _callback(_state);

    public void Dispose()
    {
        lock (_owner.SyncRoot)
        {
            _disposed = true;
            DueAt = null;
        }

        _owner.Remove(this);
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }
}
