using System.Buffers.Binary;
using Livepeer.Plugins.WebRtc.Rtp.Rtcp;

namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// What one outgoing RTP stream's sender reports say (RFC 3550 §6.4.1): packets and payload octets sent so far, and the
/// RTP time of the report's wall-clock instant, extrapolated from the newest packet sent at the stream's clock rate
/// (packets leave paced by their media time, so the RTP clock runs with the wall clock between them). Counted when a
/// packet is actually sent, not when it is packetized. Not thread-safe.
/// </summary>
public sealed class RtpSenderStatistics
{
    private readonly TimeProvider _time;
    private readonly int _clockRate;
    private uint _lastTimestamp;
    private long _lastSentAt;

    /// <summary>Statistics of source <paramref name="ssrc"/> with RTP clock <paramref name="clockRate"/>.</summary>
    public RtpSenderStatistics(uint ssrc, int clockRate, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        ArgumentNullException.ThrowIfNull(time);
        Ssrc = ssrc;
        _clockRate = clockRate;
        _time = time;
    }

    /// <summary>The source.</summary>
    public uint Ssrc { get; }

    /// <summary>Packets sent (retransmissions not counted, as RFC 3550 counts the stream's packets).</summary>
    public long Packets { get; private set; }

    /// <summary>Payload octets sent: not the header, CSRCs, extension or padding (RFC 3550 §6.4.1).</summary>
    public long Octets { get; private set; }

    /// <summary>Records a packet that was just sent.</summary>
    public void OnSent(ReadOnlySpan<byte> rtpPacket)
    {
        if (rtpPacket.Length < RtpPacket.HeaderSize)
        {
            return;
        }

        var header = RtpPacket.HeaderSize + (4 * (rtpPacket[0] & 0x0F));
        if ((rtpPacket[0] & 0x10) != 0 && rtpPacket.Length >= header + 4)
        {
            header += 4 + (4 * BinaryPrimitives.ReadUInt16BigEndian(rtpPacket[(header + 2)..]));
        }

        var padding = (rtpPacket[0] & 0x20) != 0 ? rtpPacket[^1] : 0;
        Packets++;
        Octets += Math.Max(0, rtpPacket.Length - header - padding);
        _lastTimestamp = BinaryPrimitives.ReadUInt32BigEndian(rtpPacket[4..]);
        _lastSentAt = _time.GetTimestamp();
    }

    /// <summary>A sender report for now (with no report blocks: we receive no media from a viewer), or null before the first packet.</summary>
    public RtcpSenderReport? CreateReport()
    {
        if (Packets == 0)
        {
            return null;
        }

        var elapsed = _time.GetElapsedTime(_lastSentAt);
        var rtpNow = unchecked(_lastTimestamp + (uint)(long)(elapsed.TotalSeconds * _clockRate));
        return new RtcpSenderReport(Ssrc, NtpTime.From(_time.GetUtcNow()), rtpNow, unchecked((uint)Packets), unchecked((uint)Octets), []);
    }
}
