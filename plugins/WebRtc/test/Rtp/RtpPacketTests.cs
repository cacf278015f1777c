using Livepeer.Plugins.WebRtc.Rtp;

namespace Livepeer.Plugins.WebRtc.Tests.Rtp;

public sealed class RtpPacketTests
{
    [Theory]
    [MemberData(nameof(RtpVectors.Good), MemberType = typeof(RtpVectors))]
    public void VectorsParseAndRoundTrip(string hex, bool marker, int pt, int seq, uint timestamp, uint ssrc, int csrcs, int profile, string payload)
    {
        var bytes = Convert.FromHexString(hex);
        var packet = RtpPacket.Parse(bytes);
        Assert.Equal(marker, packet.Marker);
        Assert.Equal(pt, packet.PayloadType);
        Assert.Equal(seq, packet.SequenceNumber);
        Assert.Equal(timestamp, packet.Timestamp);
        Assert.Equal(ssrc, packet.Ssrc);
        Assert.Equal(csrcs, packet.Csrcs.Count);
        Assert.Equal(profile, packet.ExtensionProfile ?? -1);
        Assert.Equal(payload, Convert.ToHexString(packet.Payload.Span));
        Assert.Equal(hex, Convert.ToHexString(packet.ToArray()));
        Assert.True(RtpPacket.IsRtpOrRtcp(bytes));
        Assert.False(RtpPacket.IsRtcp(bytes));
    }

    [Theory]
    [MemberData(nameof(RtpVectors.Bad), MemberType = typeof(RtpVectors))]
    public void MalformedPacketsAreTypedErrors(string reason, string hex)
    {
        var bytes = Convert.FromHexString(hex);
        Assert.False(RtpPacket.TryParse(bytes, out _, out var error), reason);
        Assert.NotNull(error);
        Assert.Throws<RtpFormatException>(() => RtpPacket.Parse(bytes));
    }

    [Fact]
    public void FuzzedPacketsParseOrFailTyped()
    {
        var random = new Random(3550);
        var seeds = RtpVectors.Good.Select(r => Convert.FromHexString((string)r[0])).Concat(RtpVectors.Bad.Select(r => Convert.FromHexString((string)r[1]))).ToArray();
        var ok = 0;
        for (var i = 0; i < 20000; i++)
        {
            var bytes = Mutate(seeds[random.Next(seeds.Length)], random);
            if (RtpPacket.TryParse(bytes, out var packet, out _))
            {
                ok++;
                Assert.InRange(packet!.Payload.Length, 0, bytes.Length);
                var again = RtpPacket.Parse(packet.ToArray());
                Assert.True(again.Payload.Span.SequenceEqual(packet.Payload.Span));
            }
        }

        Assert.InRange(ok, 1000, 20000);
    }

    [Fact]
    public void UnwrapsSequenceNumbersAcrossTheWrap()
    {
        var unwrapper = new RtpSequenceUnwrapper();
        var first = unwrapper.Unwrap(65534);
        Assert.Equal(first + 1, unwrapper.Unwrap(65535));
        Assert.Equal(first + 2, unwrapper.Unwrap(0));
        Assert.Equal(first + 1, unwrapper.Unwrap(65535)); // late packet from before the wrap
        Assert.Equal(first + 3, unwrapper.Unwrap(1));
        Assert.Equal(first + 3, unwrapper.Highest);
        Assert.Equal(first - 1, unwrapper.Unwrap(65533)); // older than the first
    }

    [Fact]
    public void UnwrapsTimestampsAcrossTheWrap()
    {
        var unwrapper = new RtpTimestampUnwrapper();
        Assert.Equal(0, unwrapper.Unwrap(uint.MaxValue - 2999));
        Assert.Equal(3000, unwrapper.Unwrap(0));
        Assert.Equal(6000, unwrapper.Unwrap(3000));
        Assert.Equal(3000, unwrapper.Unwrap(0)); // reordered
        long last = 6000;
        uint ts = 3000; // raw value of unwrapped 6000
        for (var i = 0; i < 3000; i++)
        {
            ts += 3_000_000; // > 2^32 over the loop
            last += 3_000_000;
            Assert.Equal(last, unwrapper.Unwrap(ts));
        }
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = seed.ToList();
        for (var e = random.Next(1, 4); e > 0; e--)
        {
            switch (random.Next(3))
            {
                case 0 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 1 when bytes.Count > 0:
                    bytes.RemoveRange(random.Next(bytes.Count), 1);
                    break;
                default:
                    bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                    break;
            }
        }

        if (bytes.Count > 0 && random.Next(2) == 0)
        {
            bytes[0] = (byte)(0x80 | (bytes[0] & 0x3F)); // keep it mostly version 2
        }

        return [.. bytes];
    }
}
