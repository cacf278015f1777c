using Livepeer.Plugins.WebRtc.Rtp;
using Livepeer.Plugins.WebRtc.Rtp.Rtcp;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>
/// The receive side of one incoming track, counted once as datagrams arrive (before reordering, as RFC 3550 A.8
/// jitter needs): the RTP statistics our receiver reports carry, and the bit rate the status routes show. Thread-safe:
/// the peer's receive loop counts, its RTCP timer reports, status readers snapshot.
/// </summary>
internal sealed class TrackReceiveCounter(int clockRate, TimeProvider time)
{
    private readonly Lock _lock = new();
    private readonly RtpReceiveStatistics _statistics = new(0, clockRate, time);
    private readonly BitrateWindow _rate = new(time);

    /// <summary>The source counted (learnt from the first packet); 0 before it.</summary>
    public uint Ssrc
    {
        get
        {
            lock (_lock)
            {
                return _statistics.Received == 0 ? 0 : _statistics.Ssrc;
            }
        }
    }

    /// <summary>Counts one RTP datagram as it arrives.</summary>
    public void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        lock (_lock)
        {
            _statistics.OnDatagram(datagram);
            _rate.Add(datagram.Length);
        }
    }

    /// <summary>A sender report from this track's source (its LSR/DLSR go into our next report block).</summary>
    public void OnSenderReport(RtcpSenderReport report)
    {
        lock (_lock)
        {
            _statistics.OnSenderReport(report);
        }
    }

    /// <summary>The report block for our next receiver report, or null before the first packet.</summary>
    public RtcpReportBlock? CreateReportBlock()
    {
        lock (_lock)
        {
            return _statistics.Received == 0 ? null : _statistics.CreateReportBlock();
        }
    }

    /// <summary>The counters the status routes show.</summary>
    public TrackReceiveStatus Snapshot()
    {
        lock (_lock)
        {
            return new TrackReceiveStatus(
                _statistics.Received, Math.Max(0, _statistics.CumulativeLost), _statistics.JitterSeconds, _statistics.Bytes, _rate.BitsPerSecond, _statistics.LastPacketAt);
        }
    }
}
