namespace Livepeer.Plugins.Byoc.Registry;

/// <summary>
/// Jobs and streams running on one capability name, reserved atomically (no check-then-reserve race;
/// upstream's <c>Load++</c> never compares with the capacity). Survives re-registration of the name, so
/// a worker re-registering does not reset the load as upstream does.
/// </summary>
internal sealed class CapacityCounter(int capacity)
{
    private int _capacity = capacity;
    private int _load;

    public int Capacity => Volatile.Read(ref _capacity);

    public int Load => Volatile.Read(ref _load);

    public int Available => Math.Max(0, Capacity - Load);

    public void SetCapacity(int capacity) => Volatile.Write(ref _capacity, capacity);

    /// <summary>Takes one place, or returns <c>null</c> when full. The lease gives it back once, however often it is disposed.</summary>
    public CapacityLease? TryReserve()
    {
        while (true)
        {
            var load = Volatile.Read(ref _load);
            if (load >= Capacity)
            {
                return null;
            }

            if (Interlocked.CompareExchange(ref _load, load + 1, load) == load)
            {
                return new CapacityLease(this);
            }
        }
    }

    internal void Release() => Interlocked.Decrement(ref _load);
}

/// <summary>One reserved place; disposing returns it (only the first time).</summary>
internal sealed class CapacityLease(CapacityCounter counter) : IDisposable
{
    private int _released;

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            counter.Release();
        }
    }
}
