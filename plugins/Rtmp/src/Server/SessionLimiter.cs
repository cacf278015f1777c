namespace Livepeer.Plugins.Rtmp.Server;

/// <summary>The <c>-maxSessions</c> limit on concurrent RTMP publishes (protocols §9.1; upstream default 10).</summary>
internal sealed class SessionLimiter(int maxSessions)
{
    private int _active;

    public int Active => Volatile.Read(ref _active);

    public bool TryAcquire()
    {
        while (true)
        {
            var current = Volatile.Read(ref _active);
            if (current >= maxSessions)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _active, current + 1, current) == current)
            {
                return true;
            }
        }
    }

    public void Release() => Interlocked.Decrement(ref _active);
}
