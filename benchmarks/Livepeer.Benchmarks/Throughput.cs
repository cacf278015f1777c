using System.Diagnostics;

namespace Livepeer.Benchmarks;

/// <summary>The calls-per-second loop the single-thread benchmarks share.</summary>
internal static class Throughput
{
    /// <summary>
    /// Warms up with <paramref name="warmUp"/> calls, then counts calls in doubling batches (at most 4096) until
    /// <paramref name="duration"/> is spent; returns calls per second. The operation gets the call's index.
    /// </summary>
    public static double Measure(TimeSpan duration, Action<int> operation, int warmUp = 50)
    {
        for (var i = 0; i < warmUp; i++)
        {
            operation(i);
        }

        var batch = 1;
        var count = 0L;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration)
        {
            for (var i = 0; i < batch; i++)
            {
                operation((int)(count + i));
            }

            count += batch;
            batch = Math.Min(batch * 2, 4096);
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Whole passes over a data set per second: one warm-up pass, then passes until <paramref name="duration"/> is spent
    /// (at least three).
    /// </summary>
    public static double Passes(TimeSpan duration, Action pass)
    {
        pass();
        var passes = 0;
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < duration || passes < 3)
        {
            pass();
            passes++;
        }

        return passes / watch.Elapsed.TotalSeconds;
    }
}
