namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// A stream's orchestrator swaps: at most <see cref="GatewayOptions.MaxSwaps"/> within any
/// <see cref="GatewayOptions.SwapWindow"/> (upstream BYOC: more than 2 swaps within 1 min stop the stream).
/// </summary>
internal sealed class SwapHistory(int maxSwaps, TimeSpan window, TimeProvider time)
{
    private readonly Queue<long> _recent = new();
    private int _total;

    /// <summary>Swaps since the stream started.</summary>
    public int Total => Volatile.Read(ref _total);

    /// <summary>Records a swap; false (nothing recorded) when it would be one too many: the stream should stop.</summary>
    public bool TryRecord()
    {
        lock (_recent)
        {
            var now = time.GetTimestamp();
            while (_recent.TryPeek(out var oldest) && time.GetElapsedTime(oldest, now) > window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= maxSwaps)
            {
                return false;
            }

            _recent.Enqueue(now);
            Interlocked.Increment(ref _total);
            return true;
        }
    }
}
