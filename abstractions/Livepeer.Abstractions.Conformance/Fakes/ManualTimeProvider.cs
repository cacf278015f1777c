namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>
/// A <see cref="TimeProvider"/> whose clock moves only when a test calls <see cref="Advance"/> or
/// <see cref="SetUtcNow"/>. Timers (and so <c>Task.Delay(…, timeProvider)</c> and
/// <c>new CancellationTokenSource(…, timeProvider)</c>) fire during those calls, in due-time order, on the
/// calling thread. Thread-safe.
/// </summary>
public sealed class ManualTimeProvider : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<ManualTimer> _timers = [];
    private DateTimeOffset _utcNow;
    private long _timestamp;

    /// <summary>Creates a clock starting at <paramref name="start"/> (default 2024-01-01T00:00:00Z).</summary>
    public ManualTimeProvider(DateTimeOffset? start = null)
    {
        _utcNow = start ?? new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero);
    }

    /// <summary>Number of timers that are scheduled to fire.</summary>
    public int ActiveTimers
    {
        get
        {
            lock (_lock)
            {
                return _timers.Count(t => t.DueAt is not null);
            }
        }
    }

    /// <inheritdoc />
    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    /// <inheritdoc />
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow()
    {
        lock (_lock)
        {
            return _utcNow;
        }
    }

    /// <inheritdoc />
    public override long GetTimestamp()
    {
        lock (_lock)
        {
            return _timestamp;
        }
    }

    /// <summary>Moves the clock forward by <paramref name="delta"/>, firing every timer that falls due on the way.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="delta"/> is negative.</exception>
    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        DateTimeOffset target;
        lock (_lock)
        {
            target = _utcNow + delta;
        }

        while (true)
        {
            ManualTimer? due;
            lock (_lock)
            {
                due = _timers
                    .Where(t => t.DueAt is { } at && at <= target)
                    .OrderBy(t => t.DueAt)
                    .FirstOrDefault();
                if (due is null)
                {
                    MoveTo(target);
                    return;
                }

                MoveTo(due.DueAt!.Value);
                due.Reschedule(_utcNow);
            }

            // Callbacks run outside the lock so they may create, change or dispose timers.
            due.Fire();
        }
    }

    /// <summary>Sets the clock to <paramref name="value"/>, firing due timers when it moves forward.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="value"/> is earlier than now.</exception>
    public void SetUtcNow(DateTimeOffset value)
    {
        var delta = value - GetUtcNow();
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero, nameof(value));
        Advance(delta);
    }

    /// <inheritdoc />
    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    internal void Remove(ManualTimer timer)
    {
        lock (_lock)
        {
            _timers.Remove(timer);
        }
    }

    internal Lock SyncRoot => _lock;

    private void MoveTo(DateTimeOffset time)
    {
        _timestamp += (time - _utcNow).Ticks;
        _utcNow = time;
    }
}
