using System.Buffers.Binary;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.WebRtc.Rtp;

namespace Livepeer.Plugins.WebRtc.Tests.Rtp;

/// <summary>The sender's bookkeeping: NTP time, sender-report counts and RTP extrapolation, the NACK send history.</summary>
public sealed class RtpSenderSideTests
{
    [Fact]
    public void NtpTimeCountsFrom1900WithA32BitFraction()
    {
        var unixEpoch = NtpTime.From(DateTimeOffset.UnixEpoch);
        Assert.Equal(2_208_988_800UL << 32, unixEpoch); // RFC 868's offset between 1900 and 1970
        var halfPast = NtpTime.From(DateTimeOffset.UnixEpoch.AddMilliseconds(500));
        Assert.Equal((2_208_988_800UL << 32) | 0x8000_0000, halfPast);
        Assert.Equal(0x8000u, NtpTime.Middle(halfPast) & 0xFFFF);
        var now = new DateTimeOffset(2026, 11, 22, 5, 0, 0, 123, TimeSpan.Zero);
        Assert.Equal(now, NtpTime.ToDateTime(NtpTime.From(now)));
    }

    [Fact]
    public void SenderReportCountsPayloadOctetsAndRunsTheRtpClockOn()
    {
        var time = new ManualTimeProvider();
        var stats = new RtpSenderStatistics(0xAABBCCDD, 90_000, time);
        Assert.Null(stats.CreateReport());

        stats.OnSent(Packet(1, 3000, payload: 100));
        stats.OnSent(Packet(2, 6000, payload: 50, csrcs: 2, extensionWords: 1, padding: 4));
        time.Advance(TimeSpan.FromMilliseconds(500));
        var report = stats.CreateReport()!;
        Assert.Equal(0xAABBCCDDu, report.Ssrc);
        Assert.Equal(2u, report.PacketCount);
        Assert.Equal(150u, report.OctetCount); // header, CSRCs, the extension and padding are not payload
        Assert.Equal(6000u + 45_000u, report.RtpTimestamp); // the newest packet's time plus 0.5 s of 90 kHz
        Assert.Equal(NtpTime.From(time.GetUtcNow()), report.NtpTimestamp);
    }

    [Fact]
    public void RtpTimeWrapsAt32Bits()
    {
        var time = new ManualTimeProvider();
        var stats = new RtpSenderStatistics(1, 48_000, time);
        stats.OnSent(Packet(1, uint.MaxValue - 100, payload: 10));
        time.Advance(TimeSpan.FromMilliseconds(20));
        Assert.Equal(959u - 100u, stats.CreateReport()!.RtpTimestamp);
    }

    [Fact]
    public void HistoryResendsWhatItHoldsAtMostTwice()
    {
        var history = new RtpSendHistory();
        var first = Packet(65535, 0, 10);
        history.Add(65535, first);
        history.Add(0, Packet(0, 0, 10));
        Assert.True(history.TryResend(65535, out var again));
        Assert.Equal(first, again.ToArray());
        Assert.True(history.TryResend(65535, out _));
        Assert.False(history.TryResend(65535, out _)); // resent enough: a viewer's NACKs cannot multiply our output
        Assert.False(history.TryResend(7, out _)); // never sent
        history.Add(RtpSendHistory.Capacity, Packet(RtpSendHistory.Capacity, 0, 10));
        Assert.False(history.TryResend(0, out _)); // overwritten by the packet Capacity later
        Assert.Equal(2, history.Resent);
        Assert.Equal(3, history.Missed);
    }

    internal static byte[] Packet(ushort sequence, uint timestamp, int payload, int csrcs = 0, int extensionWords = 0, int padding = 0)
    {
        var header = 12 + (4 * csrcs) + (extensionWords > 0 ? 4 + (4 * extensionWords) : 0);
        var packet = new byte[header + payload + padding];
        packet[0] = (byte)(0x80 | (padding > 0 ? 0x20 : 0) | (extensionWords > 0 ? 0x10 : 0) | csrcs);
        packet[1] = 102;
        BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(2), sequence);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(4), timestamp);
        BinaryPrimitives.WriteUInt32BigEndian(packet.AsSpan(8), 0x1234);
        if (extensionWords > 0)
        {
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(12 + (4 * csrcs)), 0xBEDE);
            BinaryPrimitives.WriteUInt16BigEndian(packet.AsSpan(14 + (4 * csrcs)), (ushort)extensionWords);
        }

        if (padding > 0)
        {
            packet[^1] = (byte)padding;
        }

        return packet;
    }
}
