using System.Buffers.Binary;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>
/// Receive counters of one RTP track, as an RTCP receiver report would compute them (RFC 3550 §6.4.1 and
/// appendices A.3, A.8): packets, bytes, expected and lost packets from the extended highest sequence number,
/// interarrival jitter in clock units, and the arrival time of the newest packet. Not thread-safe: one reader feeds it.
/// </summary>
internal sealed class RtpReceiveStats
{
    private readonly int _clockRate;
    private bool _started;
    private ushort _maxSeq;
    private long _cycles;
    private ushort _baseSeq;
    private double _jitter;
    private long _lastTransit;
    private bool _haveTransit;

    public RtpReceiveStats(int clockRate)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(clockRate);
        _clockRate = clockRate;
    }

    public long Packets { get; private set; }

    public long Bytes { get; private set; }

    /// <summary>Packets rejected as too short to be RTP.</summary>
    public long Malformed { get; private set; }

    /// <summary>Arrival time of the newest packet, or null before the first.</summary>
    public DateTimeOffset? LastPacketAt { get; private set; }

    /// <summary>Packets expected from the sequence numbers seen (extended highest − first + 1).</summary>
    public long Expected => _started ? _cycles + _maxSeq - _baseSeq + 1 : 0;

    /// <summary>Expected minus received; negative with duplicates, as in RFC 3550.</summary>
    public long Lost => Expected - Packets;

    /// <summary>Interarrival jitter in seconds.</summary>
    public double JitterSeconds => _jitter / _clockRate;

    /// <summary>Counts one packet that arrived at <paramref name="arrival"/>.</summary>
    public void Add(ReadOnlySpan<byte> packet, DateTimeOffset arrival)
    {
        if (packet.Length < 12 || packet[0] >> 6 != 2)
        {
            Malformed++;
            return;
        }

        var seq = BinaryPrimitives.ReadUInt16BigEndian(packet[2..]);
        var timestamp = BinaryPrimitives.ReadUInt32BigEndian(packet[4..]);
        Packets++;
        Bytes += packet.Length;
        LastPacketAt = arrival;
        if (!_started)
        {
            _started = true;
            _baseSeq = seq;
            _maxSeq = seq;
        }
        else
        {
            var delta = (ushort)(seq - _maxSeq);
            if (delta is > 0 and < 0x8000)
            {
                if (seq < _maxSeq)
                {
                    _cycles += 1 << 16;
                }

                _maxSeq = seq;
            }
        }

        // A.8: transit = arrival (in clock units) − RTP timestamp; J += (|D| − J) / 16.
        var arrivalUnits = arrival.ToUnixTimeMilliseconds() * _clockRate / 1000;
        var transit = arrivalUnits - timestamp;
        if (_haveTransit)
        {
            var d = Math.Abs(transit - _lastTransit);
            if (d < (long)_clockRate * 10)
            {
                _jitter += (d - _jitter) / 16;
            }
        }

        _lastTransit = transit;
        _haveTransit = true;
    }
}
