using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.WebRtc.Sessions;
using Livepeer.Plugins.WebRtc.Whep;

namespace Livepeer.Plugins.WebRtc.Tests.Sessions;

/// <summary>The session layer's small parts: RTP receive counters, the frame pacer, WHEP path names, settings.</summary>
public sealed class UnitTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ReceiveStatsCountLossAcrossTheSequenceWrap()
    {
        var stats = new RtpReceiveStats(90_000);
        for (var i = 0; i < 100; i++)
        {
            if (i is 10 or 50 or 51)
            {
                continue;
            }

            stats.Add(FakeStack.Rtp((ushort)(65500 + i), (uint)(i * 3000)), T0.AddMilliseconds(i * 33.3333));
        }

        Assert.Equal(97, stats.Packets);
        Assert.Equal(100, stats.Expected);
        Assert.Equal(3, stats.Lost);
        Assert.True(stats.JitterSeconds < 0.001, $"jitter {stats.JitterSeconds}");
        Assert.Equal(T0.AddMilliseconds(99 * 33.3333), stats.LastPacketAt);
    }

    [Fact]
    public void ReceiveStatsSeeJitterAndIgnoreGarbage()
    {
        var stats = new RtpReceiveStats(90_000);
        for (var i = 0; i < 200; i++)
        {
            stats.Add(FakeStack.Rtp((ushort)i, (uint)(i * 3000)), T0.AddMilliseconds((i * 33.3333) + (i % 2 == 0 ? 0 : 20)));
        }

        stats.Add([1, 2, 3], T0);
        stats.Add(new byte[20], T0); // version 0
        Assert.Equal(2, stats.Malformed);
        Assert.InRange(stats.JitterSeconds, 0.010, 0.030);
        Assert.Equal(0, stats.Lost);
    }

    [Fact]
    public void ReorderedAndDuplicatePacketsDoNotMoveTheHighestSequence()
    {
        var stats = new RtpReceiveStats(48_000);
        foreach (var seq in new ushort[] { 1, 3, 2, 3, 4 })
        {
            stats.Add(FakeStack.Rtp(seq, seq * 960u), T0);
        }

        Assert.Equal(4, stats.Expected);
        Assert.Equal(-1, stats.Lost); // a duplicate, as RFC 3550 counts it
    }

    [Fact]
    public void PacerSpreadsFramesAndReanchorsOnJumpsAndLag()
    {
        var time = new ManualTimeProvider(T0);
        var pacer = new FramePacer(time);
        Assert.Equal(TimeSpan.Zero, pacer.DelayFor(900_000));
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.DelayFor(909_000));
        time.Advance(TimeSpan.FromMilliseconds(100));
        Assert.Equal(TimeSpan.FromMilliseconds(100), pacer.DelayFor(918_000));

        Assert.Equal(TimeSpan.Zero, pacer.DelayFor(90_000)); // backwards: a new source
        Assert.Equal(1, pacer.Reanchors);
        Assert.Equal(TimeSpan.Zero, pacer.DelayFor(90_000 + (10 * 90_000))); // 10 s forward: a gap
        Assert.Equal(2, pacer.Reanchors);

        time.Advance(TimeSpan.FromSeconds(2)); // fell 2 s behind
        Assert.Equal(TimeSpan.Zero, pacer.DelayFor(90_000 + (10 * 90_000) + 9000));
        Assert.Equal(3, pacer.Reanchors);
    }

    [Theory]
    [InlineData("cam", "cam")]
    [InlineData("cam-out", "cam")]
    [InlineData("cam-0123abcd-out", "cam")]
    [InlineData("my-cam-x-out", "my-cam-x")]
    public void WhepPathsNameTheStream(string path, string stream) => Assert.Equal(stream, WhepEndpoints.StreamName(path));

    [Theory]
    [InlineData("cam", true)]
    [InlineData("a.b_c-1", true)]
    [InlineData("", false)]
    [InlineData(".hidden", false)]
    [InlineData("a b", false)]
    [InlineData("a/b", false)]
    public void StreamNames(string name, bool valid) => Assert.Equal(valid, SdpExchange.IsValidStreamName(name));

    [Fact]
    public void SettingsAreReadAndCheckedTogether()
    {
        var options = WebRtcOptions.Read(new InMemoryConfiguration(new Dictionary<string, string?>
        {
            ["VideoGatherTimeout"] = "2s",
            ["AudioGatherTimeout"] = "250ms",
            ["WhepOutputTimeout"] = "30s",
            ["IceServers"] = "stun:a.example:3478, turn:b.example:3478",
        }));
        Assert.Equal(TimeSpan.FromSeconds(2), options.VideoGatherTimeout);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.AudioGatherTimeout);
        Assert.Equal(["stun:a.example:3478", "turn:b.example:3478"], options.IceServers);

        var error = Assert.Throws<InvalidOperationException>(() => WebRtcOptions.Read(new InMemoryConfiguration(new Dictionary<string, string?>
        {
            ["IceServers"] = "http://x",
            ["VideoGatherTimeout"] = "0s",
        })));
        Assert.Contains("IceServers", error.Message, StringComparison.Ordinal);
        Assert.Contains("VideoGatherTimeout", error.Message, StringComparison.Ordinal);
    }
}
