using Livepeer.Host.Gateway;

namespace Livepeer.Host.Tests.Gateway;

/// <summary>go-livepeer's TestSuspender: a penalty lasts that many refreshes.</summary>
public sealed class SuspenderTests
{
    private static readonly Uri A = new("https://a:8935");
    private static readonly Uri B = new("https://b:8935");

    [Fact]
    public void A_penalty_wears_off_after_that_many_refreshes()
    {
        var suspender = new Suspender();
        Assert.Equal(0, suspender.Suspended(A));

        suspender.Suspend(A, 2);
        suspender.Suspend(B, 5);
        Assert.Equal(2, suspender.Suspended(A));
        Assert.Equal(5, suspender.Suspended(B));

        suspender.SignalRefresh();
        suspender.SignalRefresh();
        Assert.Equal(2, suspender.Suspended(A));
        suspender.SignalRefresh();
        Assert.Equal(0, suspender.Suspended(A));
        Assert.Equal(5, suspender.Suspended(B));

        // A second suspension counts from now and never shortens a longer one.
        suspender.Suspend(A, 1);
        Assert.Equal(4, suspender.Suspended(A));
        suspender.Suspend(B, 1);
        Assert.Equal(5, suspender.Suspended(B));
    }

    [Theory]
    [InlineData(0, 0, 1)]
    [InlineData(8, 8, 1)]
    [InlineData(10, 4, 3)]
    [InlineData(3, 0, 3)]
    public void The_transcoding_penalty_is_pool_size_over_orchestrators_rounded_up(int poolSize, int orchestrators, int penalty) =>
        Assert.Equal(penalty, Suspender.TranscodingPenalty(poolSize, orchestrators));
}
