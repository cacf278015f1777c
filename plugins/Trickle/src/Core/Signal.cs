namespace Livepeer.Plugins.Trickle.Core;

/// <summary>
/// A level-free broadcast wake-up: waiters take <see cref="Task"/> before re-checking state, and
/// <see cref="Fire"/> completes it and arms a fresh one. The async counterpart of Go's <c>sync.Cond.Broadcast</c>.
/// </summary>
internal sealed class Signal
{
    private TaskCompletionSource _current = NewSource();

    /// <summary>Completes when <see cref="Fire"/> is next called.</summary>
    public Task Task => Volatile.Read(ref _current).Task;

    /// <summary>Wakes every waiter.</summary>
    public void Fire() => Interlocked.Exchange(ref _current, NewSource()).TrySetResult();

    private static TaskCompletionSource NewSource() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
