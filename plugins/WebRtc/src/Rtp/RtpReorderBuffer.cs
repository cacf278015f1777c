namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// Puts incoming RTP packets of one source back in sequence order (as gortsplib's rtpreorderer upstream), bounded in
/// packets and in time: a gap is given up on when <see cref="Capacity"/> packets wait behind it or the oldest waiting
/// packet is older than the maximum delay. Duplicates and packets older than what was delivered are dropped. A jump
/// of more than 3000 sequence numbers is a sender restart: the buffer is flushed and restarts there.
/// </summary>
public sealed class RtpReorderBuffer
{
    private const int ResyncJump = 3000;

    private readonly TimeProvider _time;
    private readonly TimeSpan _maxDelay;
    private readonly RtpSequenceUnwrapper _unwrapper = new();
    private readonly SortedDictionary<long, (RtpPacket Packet, long Arrival)> _waiting = [];
    private readonly List<RtpPacket> _ready = [];
    private long _next = -1;

    /// <summary>Creates the buffer (defaults: 64 packets, 100 ms).</summary>
    public RtpReorderBuffer(TimeProvider time, int capacity = 64, TimeSpan? maxDelay = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _time = time;
        Capacity = capacity;
        _maxDelay = maxDelay ?? TimeSpan.FromMilliseconds(100);
    }

    /// <summary>Most packets held back behind a gap.</summary>
    public int Capacity { get; }

    /// <summary>Packets waiting behind a gap.</summary>
    public int Waiting => _waiting.Count;

    /// <summary>Sequence numbers given up on (counted once each).</summary>
    public long Lost { get; private set; }

    /// <summary>Duplicates and packets that arrived after their place was given up on.</summary>
    public long Dropped { get; private set; }

    /// <summary>The extended sequence number the buffer waits for next (-1 before the first packet).</summary>
    public long NextExpected => _next;

    /// <summary>Raised for each sequence number that is missing when a gap is first seen (for NACKs).</summary>
    public event Action<ushort>? Missing;

    /// <summary>Adds a packet; returns the packets now deliverable in order (valid until the next call).</summary>
    public IReadOnlyList<RtpPacket> Push(RtpPacket packet)
    {
        ArgumentNullException.ThrowIfNull(packet);
        _ready.Clear();
        var seq = _unwrapper.Unwrap(packet.SequenceNumber);
        if (_next < 0 || Math.Abs(seq - _next) > ResyncJump)
        {
            FlushAll();
            _next = seq;
        }

        if (seq < _next || _waiting.ContainsKey(seq))
        {
            Dropped++;
        }
        else if (seq == _next)
        {
            _ready.Add(packet);
            _next++;
            DrainConsecutive();
        }
        else
        {
            var highestWaiting = _waiting.Count == 0 ? _next - 1 : _waiting.Keys.Max();
            for (var missing = Math.Max(highestWaiting + 1, _next); missing < seq; missing++)
            {
                Missing?.Invoke((ushort)missing);
            }

            _waiting[seq] = (packet, _time.GetTimestamp());
            while (_waiting.Count > Capacity)
            {
                SkipGap();
            }
        }

        ReleaseExpired();
        return _ready;
    }

    /// <summary>Releases packets whose gap has waited too long (call on a timer, e.g. every 20 ms); valid until the next call.</summary>
    public IReadOnlyList<RtpPacket> Poll()
    {
        _ready.Clear();
        ReleaseExpired();
        return _ready;
    }

    private void ReleaseExpired()
    {
        while (_waiting.Count > 0 && _time.GetElapsedTime(_waiting.First().Value.Arrival) >= _maxDelay)
        {
            SkipGap();
        }
    }

    private void SkipGap()
    {
        var first = _waiting.First().Key;
        Lost += first - _next;
        _next = first;
        DrainConsecutive();
    }

    private void DrainConsecutive()
    {
        while (_waiting.Remove(_next, out var entry))
        {
            _ready.Add(entry.Packet);
            _next++;
        }
    }

    private void FlushAll()
    {
        while (_waiting.Count > 0)
        {
            SkipGap();
        }
    }
}
