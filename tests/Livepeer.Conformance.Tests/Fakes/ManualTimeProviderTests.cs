using Livepeer.Abstractions.Conformance.Fakes;
using Xunit;

namespace Livepeer.Conformance.Tests.Fakes;

public sealed class ManualTimeProviderTests
{
    [Fact]
    public void ClockMovesOnlyWhenAdvanced()
    {
        var time = new ManualTimeProvider();
        var start = time.GetUtcNow();
        var stamp = time.GetTimestamp();

        time.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(start.AddSeconds(3), time.GetUtcNow());
        Assert.Equal(TimeSpan.FromSeconds(3), time.GetElapsedTime(stamp));
    }

    [Fact]
    public async Task DelayCompletesOnlyWhenTimeReachesIt()
    {
        var time = new ManualTimeProvider();
        var delay = Task.Delay(TimeSpan.FromSeconds(5), time);

        time.Advance(TimeSpan.FromSeconds(4));
        Assert.False(delay.IsCompleted);

        time.Advance(TimeSpan.FromSeconds(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(5));
    }

    [Fact]
    public void PeriodicTimerFiresOncePerPeriodInOrder()
    {
        var time = new ManualTimeProvider();
        var fired = new List<string>();
        using var periodic = time.CreateTimer(_ => fired.Add($"p@{time.GetUtcNow():ss}"), null, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(2));
        using var once = time.CreateTimer(_ => fired.Add($"o@{time.GetUtcNow():ss}"), null, TimeSpan.FromSeconds(3), Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(7));

        Assert.Equal(["p@02", "o@03", "p@04", "p@06"], fired);
    }

    [Fact]
    public void DisposedOrStoppedTimersDoNotFire()
    {
        var time = new ManualTimeProvider();
        var count = 0;
        var disposed = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        using var stopped = time.CreateTimer(_ => count++, null, TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        disposed.Dispose();
        stopped.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Equal(0, count);
        Assert.Equal(0, time.ActiveTimers);
    }

    [Fact]
    public void CancellationTokenSourceFollowsTheClock()
    {
        var time = new ManualTimeProvider();
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(1), time);

        time.Advance(TimeSpan.FromSeconds(59));
        Assert.False(cts.IsCancellationRequested);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.True(cts.IsCancellationRequested);
    }

    [Fact]
    public void ClockCannotGoBack()
    {
        var time = new ManualTimeProvider();
        Assert.Throws<ArgumentOutOfRangeException>(() => time.Advance(TimeSpan.FromTicks(-1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => time.SetUtcNow(time.GetUtcNow().AddDays(-1)));
    }
}
