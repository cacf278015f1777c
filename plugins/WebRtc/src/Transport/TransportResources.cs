namespace Livepeer.Plugins.WebRtc.Transport;

/// <summary>
/// Counts what transports hold (sockets, timers, tasks and threads, open transports) so leak accounting can check
/// that closing returns every one; one per factory.
/// </summary>
internal sealed class TransportResources
{
    private int _sockets;
    private int _timers;
    private int _tasks;
    private int _transports;
    private long _unrouted;

    public int Sockets => Volatile.Read(ref _sockets);

    public int Timers => Volatile.Read(ref _timers);

    public int Tasks => Volatile.Read(ref _tasks);

    public int Transports => Volatile.Read(ref _transports);

    public long Unrouted => Interlocked.Read(ref _unrouted);

    public void SocketOpened() => Interlocked.Increment(ref _sockets);

    public void SocketClosed() => Interlocked.Decrement(ref _sockets);

    public void TimerStarted() => Interlocked.Increment(ref _timers);

    public void TimerStopped() => Interlocked.Decrement(ref _timers);

    public void TaskStarted() => Interlocked.Increment(ref _tasks);

    public void TaskEnded() => Interlocked.Decrement(ref _tasks);

    public void TransportOpened() => Interlocked.Increment(ref _transports);

    public void TransportClosed() => Interlocked.Decrement(ref _transports);

    public void UnroutedDropped() => Interlocked.Increment(ref _unrouted);
}
