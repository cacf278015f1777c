namespace Livepeer.Abstractions.Conformance;

/// <summary>What every conformance test class shares: how long an operation may take before the implementation is judged hung.</summary>
public abstract class ConformanceTestBase
{
    /// <summary>
    /// The longest any single awaited step may take. A broken implementation then fails with a
    /// <see cref="TimeoutException"/> instead of hanging the test run. Override for slow real back ends.
    /// </summary>
    protected virtual TimeSpan Timeout => TimeSpan.FromSeconds(10);

    /// <summary>A token that is cancelled after <see cref="Timeout"/>; dispose the source when done.</summary>
    protected CancellationTokenSource CreateTimeoutSource() => new(Timeout);

    /// <summary>Awaits <paramref name="task"/>, failing with <see cref="TimeoutException"/> after <see cref="Timeout"/>.</summary>
    protected Task<T> Within<T>(ValueTask<T> task) => task.AsTask().WaitAsync(Timeout);

    /// <summary>Awaits <paramref name="task"/>, failing with <see cref="TimeoutException"/> after <see cref="Timeout"/>.</summary>
    protected Task<T> Within<T>(Task<T> task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.WaitAsync(Timeout);
    }

    /// <summary>Awaits <paramref name="task"/>, failing with <see cref="TimeoutException"/> after <see cref="Timeout"/>.</summary>
    protected Task Within(ValueTask task) => task.AsTask().WaitAsync(Timeout);

    /// <summary>Awaits <paramref name="task"/>, failing with <see cref="TimeoutException"/> after <see cref="Timeout"/>.</summary>
    protected Task Within(Task task)
    {
        ArgumentNullException.ThrowIfNull(task);
        return task.WaitAsync(Timeout);
    }

    /// <summary>A pre-cancelled token.</summary>
    protected static CancellationToken CancelledToken => new(canceled: true);
}
