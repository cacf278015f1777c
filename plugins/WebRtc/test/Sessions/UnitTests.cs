using System.Net;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.WebRtc.Rtp;
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
        var time = new ManualTimeProvider(T0);
        var stats = new RtpReceiveStatistics(0, 90_000, time);
        for (var i = 0; i < 100; i++)
        {
            if (i > 0)
            {
                time.Advance(TimeSpan.FromTicks(333_333));
            }

            if (i is 10 or 50 or 51)
            {
                continue;
            }

            stats.OnDatagram(FakeStack.Rtp((ushort)(65500 + i), (uint)(i * 3000)));
        }

        Assert.Equal(97, stats.Received);
        Assert.Equal(100, stats.Expected);
        Assert.Equal(3, stats.CumulativeLost);
        Assert.True(stats.JitterSeconds < 0.001, $"jitter {stats.JitterSeconds}");
        Assert.Equal(T0 + TimeSpan.FromTicks(99 * 333_333), stats.LastPacketAt);
        Assert.Equal(97 * FakeStack.Rtp(0, 0).Length, stats.Bytes);
    }

    [Fact]
    public void ReceiveStatsSeeJitterAndIgnoreGarbage()
    {
        var time = new ManualTimeProvider(T0);
        var stats = new RtpReceiveStatistics(0, 90_000, time);
        var previous = TimeSpan.Zero;
        for (var i = 0; i < 200; i++)
        {
            var at = TimeSpan.FromMilliseconds((i * 33.3333) + (i % 2 == 0 ? 0 : 20));
            time.Advance(at - previous);
            previous = at;
            stats.OnDatagram(FakeStack.Rtp((ushort)i, (uint)(i * 3000)));
        }

        stats.OnDatagram([1, 2, 3]);
        stats.OnDatagram(new byte[20]); // version 0
        Assert.Equal(2, stats.Malformed);
        Assert.Equal(200, stats.Received);
        Assert.InRange(stats.JitterSeconds, 0.010, 0.030);
        Assert.Equal(0, stats.CumulativeLost);
    }

    [Fact]
    public void ReorderedAndDuplicatePacketsDoNotMoveTheHighestSequence()
    {
        var stats = new RtpReceiveStatistics(0, 48_000, new ManualTimeProvider(T0));
        foreach (var seq in new ushort[] { 1, 3, 2, 3, 4 })
        {
            stats.OnDatagram(FakeStack.Rtp(seq, seq * 960u));
        }

        Assert.Equal(4, stats.Expected);
        Assert.Equal(-1, stats.CumulativeLost); // a duplicate, as RFC 3550 counts it
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
            ["HostAddress"] = "0.0.0.0",
            ["CandidateAddresses"] = "203.0.113.7, 2001:db8::7",
        }));
        Assert.Equal([IPAddress.Parse("203.0.113.7"), IPAddress.Parse("2001:db8::7")], options.CandidateAddresses);
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

        // A wildcard bind needs the addresses to announce; announcing a wildcard is refused.
        foreach (var settings in new[] { new Dictionary<string, string?> { ["HostAddress"] = "0.0.0.0" }, new() { ["UdpMuxAddress"] = "[::]:7290", ["HostAddress"] = "::" }, new() { ["CandidateAddresses"] = "0.0.0.0" } })
        {
            var wildcard = Assert.Throws<InvalidOperationException>(() => WebRtcOptions.Read(new InMemoryConfiguration(settings)));
            Assert.Contains("CandidateAddresses", wildcard.Message, StringComparison.Ordinal);
        }
    }
}
