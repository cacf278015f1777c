using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Rtp.Rtcp;

namespace Livepeer.Plugins.WebRtc.Tests.Rtp;

public sealed class RtcpTests
{
    [Theory]
    [MemberData(nameof(RtcpVectors.Good), MemberType = typeof(RtcpVectors))]
    public void VectorsParseAndRoundTrip(string name, string hex, string[] types)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.True(RtpPacket.IsRtcp(bytes), name);
        var packets = RtcpCompound.Parse(bytes);
        Assert.Equal(types, packets.Select(p => p.GetType().Name));
        Assert.Equal(hex, Convert.ToHexString(RtcpCompound.Write(packets)));
    }

    [Fact]
    public void FieldsAreRead()
    {
        var pli = Assert.IsType<RtcpPictureLossIndication>(Assert.Single(RtcpCompound.Parse(Convert.FromHexString(RtcpVectors.Pli))));
        Assert.Equal((1u, 0x6B8B4567u), (pli.SenderSsrc, pli.MediaSsrc));
        var nack = Assert.IsType<RtcpGenericNack>(Assert.Single(RtcpCompound.Parse(Convert.FromHexString(RtcpVectors.Nack))));
        Assert.Equal([100, 101, 103], nack.Lost.Select(x => (int)x));
        var fir = Assert.IsType<RtcpFullIntraRequest>(Assert.Single(RtcpCompound.Parse(Convert.FromHexString(RtcpVectors.Fir))));
        Assert.Equal((0x6B8B4567u, (byte)7), fir.Entries.Single());
        var rr = Assert.IsType<RtcpReceiverReport>(Assert.Single(RtcpCompound.Parse(Convert.FromHexString(RtcpVectors.ReceiverReport))));
        var block = rr.Reports.Single();
        Assert.Equal((5, -2, 0x10064u, 0x20u), (block.FractionLost, block.CumulativeLost, block.ExtendedHighestSequence, block.Jitter));
        var sr = Assert.IsType<RtcpSenderReport>(Assert.Single(RtcpCompound.Parse(Convert.FromHexString(RtcpVectors.SenderReport))));
        Assert.Equal((1_000_000u, 100u, 10_000u), (sr.RtpTimestamp, sr.PacketCount, sr.OctetCount));
        Assert.Equal(0xA2B31234u, sr.NtpMiddle);
        var sdes = Assert.IsType<RtcpSourceDescription>(Assert.Single(RtcpCompound.Parse(Convert.FromHexString(RtcpVectors.Sdes))));
        Assert.Equal((0x6B8B4567u, "abcde"), sdes.Chunks.Single());
        var bye = Assert.IsType<RtcpBye>(Assert.Single(RtcpCompound.Parse(Convert.FromHexString(RtcpVectors.Bye))));
        Assert.Equal("done", bye.Reason);
    }

    [Fact]
    public void NackListsAcrossTheWrapAndWideGaps()
    {
        var nack = new RtcpGenericNack(1, 2, [65534, 65535, 0, 5, 40]);
        var back = Assert.IsType<RtcpGenericNack>(Assert.Single(RtcpCompound.Parse(RtcpCompound.Write([nack]))));
        Assert.Equal(nack.Lost, back.Lost);
        Assert.Equal(4 + 8 + 8, RtcpCompound.GetSize([nack])); // 65534 (+65535, 0, 5) and 40
    }

    [Theory]
    [MemberData(nameof(RtcpVectors.Bad), MemberType = typeof(RtcpVectors))]
    public void MalformedDatagramsAreTypedErrors(string name, string hex)
    {
        Assert.Throws<RtpFormatException>(() => RtcpCompound.Parse(Convert.FromHexString(hex)));
        Assert.False(RtcpCompound.TryParse(Convert.FromHexString(hex), out _, out var error), name);
        Assert.NotNull(error);
    }

    [Fact]
    public void FuzzedDatagramsParseOrFailTyped()
    {
        var random = new Random(4585);
        var seeds = RtcpVectors.Good.Select(r => Convert.FromHexString((string)r[1])).Concat(RtcpVectors.Bad.Select(r => Convert.FromHexString((string)r[1]))).ToArray();
        var ok = 0;
        for (var i = 0; i < 20000; i++)
        {
            var bytes = seeds[random.Next(seeds.Length)].ToArray();
            for (var e = random.Next(1, 4); e > 0 && bytes.Length > 0; e--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }

            if (random.Next(4) == 0 && bytes.Length > 0)
            {
                bytes = bytes[..random.Next(bytes.Length)];
            }

            if (RtcpCompound.TryParse(bytes, out var packets, out _))
            {
                ok++;
                Assert.InRange(packets.Count, 1, RtcpCompound.MaxPackets);
                try
                {
                    RtcpCompound.Parse(RtcpCompound.Write(packets));
                }
                catch (InvalidOperationException)
                {
                    // a parsed packet that cannot be written back (e.g. an unknown body shortened by padding)
                }
            }
        }

        Assert.InRange(ok, 500, 20000);
    }

    [Fact]
    public void ReceiveStatisticsFollowRfc3550()
    {
        var time = new ManualTimeProvider();
        var stats = new RtpReceiveStatistics(0xABC, 90000, time);

        // 100 packets 20 ms apart across the sequence wrap, perfectly paced: no jitter; packets 10 and 11 lost.
        for (var i = 0; i < 100; i++)
        {
            if (i is not (10 or 11))
            {
                stats.OnPacket((ushort)(65500 + i), (uint)(i * 1800));
            }

            time.Advance(TimeSpan.FromMilliseconds(20));
        }

        Assert.Equal(100, stats.Expected);
        Assert.Equal(2, stats.CumulativeLost);
        Assert.Equal(0u, stats.Jitter);
        var block = stats.CreateReportBlock();
        Assert.Equal(65536u + 99 - 36, block.ExtendedHighestSequence); // seq 65500+99 wraps to 63 in cycle 1
        Assert.Equal((byte)(2 * 256 / 100), block.FractionLost);
        Assert.Equal(2, block.CumulativeLost);

        // Arrivals alternately 10 ms and 30 ms apart for 20 ms of media: |D| = 10 ms = 900 ticks, which J converges to (A.8).
        for (var i = 100; i < 400; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(i % 2 == 0 ? 10 : 30));
            stats.OnPacket((ushort)(65500 + i), (uint)(i * 1800));
        }

        Assert.InRange(stats.Jitter, 850u, 900u);
        Assert.Equal(0, stats.CreateReportBlock().FractionLost); // nothing lost in the new interval

        stats.OnSenderReport(new RtcpSenderReport(0xABC, 0x0000_1234_5678_0000, 0, 0, 0, []));
        time.Advance(TimeSpan.FromSeconds(0.5));
        var withSr = stats.CreateReportBlock();
        Assert.Equal(0x12345678u, withSr.LastSenderReport);
        Assert.Equal(32768u, withSr.DelaySinceLastSenderReport);
    }
}
