namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>
/// Wakes every waiter once per change. Waiters take <see cref="Current"/> under the same lock that
/// guards the state they check, then await it outside; changers mutate under that lock, then <see cref="Fire"/>.
/// </summary>
internal sealed class Pulse
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Current => Volatile.Read(ref _next).Task;

    public void Fire() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
}
