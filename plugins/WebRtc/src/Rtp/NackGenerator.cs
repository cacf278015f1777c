using Livepeer.Plugins.WebRtc.Rtp.Rtcp;

namespace Livepeer.Plugins.WebRtc.Rtp;

/// <summary>
/// Generic NACKs for missing ingest packets (RFC 4585 §6.2.1, when the offer has <c>a=rtcp-fb:* nack</c>): sequence
/// numbers reported missing are NACKed at most <see cref="MaxRetries"/> times, <see cref="RetryInterval"/> apart, until
/// they arrive; at most <see cref="MaxTracked"/> are tracked (oldest forgotten first).
/// </summary>
public sealed class NackGenerator
{
    /// <summary>Most sequence numbers tracked at once.</summary>
    public const int MaxTracked = 256;

    /// <summary>How often one sequence number is NACKed.</summary>
    public const int MaxRetries = 3;

    private readonly TimeProvider _time;
    private readonly Dictionary<ushort, (int Tries, long LastSent)> _missing = [];
    private readonly Queue<ushort> _order = new();

    /// <summary>Creates the generator (<paramref name="retryInterval"/> defaults to 100 ms, about a WAN round trip).</summary>
    public NackGenerator(TimeProvider time, TimeSpan? retryInterval = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        RetryInterval = retryInterval ?? TimeSpan.FromMilliseconds(100);
    }

    /// <summary>Time between NACKs of the same packet.</summary>
    public TimeSpan RetryInterval { get; }

    /// <summary>Sequence numbers being asked for.</summary>
    public int Pending => _missing.Count;

    /// <summary>A gap was seen (e.g. <see cref="RtpReorderBuffer.Missing"/>).</summary>
    public void OnMissing(ushort sequence)
    {
        if (_missing.TryAdd(sequence, (0, 0)))
        {
            _order.Enqueue(sequence);
            while (_missing.Count > MaxTracked && _order.TryDequeue(out var oldest))
            {
                _missing.Remove(oldest);
            }
        }
    }

    /// <summary>A packet arrived (possibly a retransmission): stop asking for it.</summary>
    public void OnReceived(ushort sequence) => _missing.Remove(sequence);

    /// <summary>The NACK to send now for <paramref name="mediaSsrc"/>, or null when nothing is due.</summary>
    public RtcpGenericNack? CreateNack(uint senderSsrc, uint mediaSsrc)
    {
        var now = _time.GetTimestamp();
        var due = new List<ushort>();
        foreach (var (seq, (tries, last)) in _missing)
        {
            if (tries == 0 || _time.GetElapsedTime(last, now) >= RetryInterval)
            {
                due.Add(seq);
            }
        }

        if (due.Count == 0)
        {
            return null;
        }

        foreach (var seq in due)
        {
            var tries = _missing[seq].Tries + 1;
            if (tries >= MaxRetries)
            {
                _missing.Remove(seq);
            }
            else
            {
                _missing[seq] = (tries, now);
            }
        }

        due.Sort((a, b) => (short)(a - b));
        return new RtcpGenericNack(senderSsrc, mediaSsrc, due);
    }
}
