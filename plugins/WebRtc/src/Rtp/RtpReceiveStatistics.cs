using System.Buffers.Binary;
using Livepeer.Plugins.WebRtc.Rtp.Rtcp;

namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// Reception statistics of one incoming source (RFC 3550): extended highest sequence (A.1, wrap-safe), cumulative and
/// interval loss (A.3) and interarrival jitter (A.8, the integer form scaled by 16), turned into a report block.
/// </summary>
public sealed class RtpReceiveStatistics
{
    private readonly RtpSequenceUnwrapper _sequence = new();
    private readonly TimeProvider _time;
    private readonly int _clockRate;
    private long _baseSequence = -1;
    private long _expectedPrior;
    private long _receivedPrior;
    private long _lastTransit;
    private bool _hasTransit;
    private long _jitterScaled;
    private uint _lastSrNtpMiddle;
    private long _lastSrArrival;
    private bool _hasSenderReport;

    /// <summary>Creates the statistics of source <paramref name="ssrc"/> with RTP clock <paramref name="clockRate"/>.</summary>
    public RtpReceiveStatistics(uint ssrc, int clockRate, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(clockRate, 1);
        ArgumentNullException.ThrowIfNull(time);
        Ssrc = ssrc;
        _clockRate = clockRate;
        _time = time;
    }

    /// <summary>The source (learnt from the first datagram when <see cref="OnDatagram"/> feeds the statistics).</summary>
    public uint Ssrc { get; private set; }

    /// <summary>Packets received (duplicates included, as RFC 3550 counts them).</summary>
    public long Received { get; private set; }

    /// <summary>The extended highest sequence number received.</summary>
    public long ExtendedHighestSequence => _sequence.Highest - 65536; // the unwrapper starts in cycle 1

    /// <summary>Packets expected: extended highest − first + 1 (A.3).</summary>
    public long Expected => _baseSequence < 0 ? 0 : _sequence.Highest - _baseSequence + 1;

    /// <summary>Cumulative packets lost (may be negative with duplicates, A.3).</summary>
    public long CumulativeLost => Expected - Received;

    /// <summary>Interarrival jitter in RTP timestamp units (A.8).</summary>
    public uint Jitter => (uint)(_jitterScaled >> 4);

    /// <summary>Bytes of the datagrams counted by <see cref="OnDatagram"/>.</summary>
    public long Bytes { get; private set; }

    /// <summary>Datagrams refused by <see cref="OnDatagram"/> as not RTP (shorter than a header or not version 2).</summary>
    public long Malformed { get; private set; }

    /// <summary>Arrival time of the newest datagram counted by <see cref="OnDatagram"/>, or null before the first.</summary>
    public DateTimeOffset? LastPacketAt { get; private set; }

    /// <summary>Interarrival jitter in seconds.</summary>
    public double JitterSeconds => (double)Jitter / _clockRate;

    /// <summary>
    /// Records a whole RTP datagram as it arrives: sequence number and timestamp read from its header, its bytes and
    /// arrival time kept; anything that is not RTP is counted in <see cref="Malformed"/> and otherwise ignored.
    /// </summary>
    public void OnDatagram(ReadOnlySpan<byte> datagram)
    {
        if (datagram.Length < 12 || datagram[0] >> 6 != 2)
        {
            Malformed++;
            return;
        }

        if (Received == 0)
        {
            Ssrc = BinaryPrimitives.ReadUInt32BigEndian(datagram[8..]);
        }

        Bytes += datagram.Length;
        LastPacketAt = _time.GetUtcNow();
        OnPacket(BinaryPrimitives.ReadUInt16BigEndian(datagram[2..]), BinaryPrimitives.ReadUInt32BigEndian(datagram[4..]));
    }

    /// <summary>Records a packet as it arrives (before reordering).</summary>
    public void OnPacket(ushort sequenceNumber, uint timestamp)
    {
        var extended = _sequence.Unwrap(sequenceNumber);
        if (_baseSequence < 0)
        {
            _baseSequence = extended;
        }

        Received++;

        // A.8: transit = arrival (in RTP units) − timestamp; D = transit − previous transit; J += (|D| − J) / 16.
        var arrival = (long)(_time.GetElapsedTime(0, _time.GetTimestamp()).TotalSeconds * _clockRate);
        var transit = arrival - timestamp;
        if (_hasTransit)
        {
            var d = Math.Abs((int)(transit - _lastTransit));
            _jitterScaled += d - ((_jitterScaled + 8) >> 4);
        }

        _lastTransit = transit;
        _hasTransit = true;
    }

    /// <summary>Records a sender report from this source (for LSR/DLSR in our reports).</summary>
    public void OnSenderReport(RtcpSenderReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        _lastSrNtpMiddle = report.NtpMiddle;
        _lastSrArrival = _time.GetTimestamp();
        _hasSenderReport = true; // a timestamp of 0 is a valid time, not "none"
    }

    /// <summary>Makes a report block and starts a new interval for the fraction lost (A.3).</summary>
    public RtcpReportBlock CreateReportBlock()
    {
        var expected = Expected;
        var expectedInterval = expected - _expectedPrior;
        var receivedInterval = Received - _receivedPrior;
        _expectedPrior = expected;
        _receivedPrior = Received;
        var lostInterval = expectedInterval - receivedInterval;
        var fraction = expectedInterval == 0 || lostInterval <= 0 ? 0 : (byte)Math.Min(255, (lostInterval << 8) / expectedInterval);
        uint dlsr = 0;
        if (_hasSenderReport)
        {
            dlsr = (uint)(_time.GetElapsedTime(_lastSrArrival).TotalSeconds * 65536);
        }

        return new RtcpReportBlock(Ssrc, (byte)fraction, (int)Math.Clamp(CumulativeLost, -0x800000, 0x7FFFFF), (uint)ExtendedHighestSequence, Jitter, _lastSrNtpMiddle, dlsr);
    }
}
