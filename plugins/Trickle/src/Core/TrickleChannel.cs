namespace Livepeer.Plugins.Trickle.Core;

/// <summary>
/// One channel: a ring of <see cref="RingSize"/> segments (slot = seq % 5, upstream's
/// <c>maxSegmentsPerStream</c>), the next sequence to be written and the time a segment last started.
/// The HTTP server and the in-process clients work on the same instances.
/// </summary>
internal sealed class TrickleChannel
{
    /// <summary>Segments kept per channel (upstream <c>maxSegmentsPerStream</c>).</summary>
    public const int RingSize = 5;

    private readonly Lock _lock = new();
    private readonly TrickleSegment?[] _ring = new TrickleSegment?[RingSize];
    private readonly Signal _changed = new();
    private readonly TrickleCounters _counters;
    private readonly long _maxSegmentBytes;
    private long _nextWrite;
    private DateTimeOffset _writeTime;
    private bool _closed;

    public TrickleChannel(string name, string mimeType, DateTimeOffset now, long maxSegmentBytes, TrickleCounters counters)
    {
        Name = name;
        MimeType = mimeType;
        _writeTime = now;
        _maxSegmentBytes = maxSegmentBytes;
        _counters = counters;
    }

    public string Name { get; }

    public string MimeType { get; }

    public long NextWrite
    {
        get
        {
            lock (_lock)
            {
                return _nextWrite;
            }
        }
    }

    public DateTimeOffset WriteTime
    {
        get
        {
            lock (_lock)
            {
                return _writeTime;
            }
        }
    }

    public bool IsClosed
    {
        get
        {
            lock (_lock)
            {
                return _closed;
            }
        }
    }

    /// <summary>Completes at the next change of the ring, the write head or the closed flag.</summary>
    public Task Changed => _changed.Task;

    /// <summary>
    /// Upstream <c>getForWrite</c>: -1 means the next write; the slot's segment is reused when it holds
    /// <paramref name="sequence"/> (a second POST appends), otherwise the old one is replaced. On a closed
    /// channel the segment returned is already closed and belongs to no ring.
    /// </summary>
    public TrickleSegment GetForWrite(long sequence)
    {
        TrickleSegment? replaced;
        TrickleSegment segment;
        lock (_lock)
        {
            if (sequence == -1)
            {
                sequence = _nextWrite;
            }

            if (_closed)
            {
                segment = new TrickleSegment(sequence, _maxSegmentBytes);
                segment.Buffer.Close();
                return segment;
            }

            var slot = (int)(sequence % RingSize);
            if (_ring[slot] is { } existing && existing.Sequence == sequence)
            {
                return existing;
            }

            replaced = _ring[slot];
            segment = new TrickleSegment(sequence, _maxSegmentBytes);
            _ring[slot] = segment;
        }

        Replaced(replaced);
        _changed.Fire();
        return segment;
    }

    /// <summary>Upstream <c>Lp-Trickle-Reset</c>: closes every held segment below <paramref name="sequence"/>, keeping later pre-connects.</summary>
    public void ResetBelow(long sequence)
    {
        List<TrickleSegment> lower;
        lock (_lock)
        {
            lower = [.. _ring.OfType<TrickleSegment>().Where(s => s.Sequence < sequence)];
        }

        foreach (var segment in lower)
        {
            segment.Buffer.Close();
        }
    }

    /// <summary>The first byte of <paramref name="sequence"/> arrived (or it ended empty): nextWrite = seq + 1, writeTime = now.</summary>
    public void MarkWritten(long sequence, DateTimeOffset now)
    {
        lock (_lock)
        {
            _nextWrite = sequence + 1;
            _writeTime = now;
        }

        _changed.Fire();
    }

    /// <summary>
    /// Upstream <c>getForRead</c>: -1 = next write, -2 = the last written (0 before any); pre-creates the
    /// segment when the request is at the write head (or seq 1 of a fresh channel) so the reader waits.
    /// </summary>
    public ReadLookup GetForRead(long sequence)
    {
        TrickleSegment? replaced = null;
        var created = false;
        ReadLookup lookup;
        lock (_lock)
        {
            sequence = sequence switch
            {
                -1 => _nextWrite,
                -2 => _nextWrite > 0 ? _nextWrite - 1 : 0,
                _ => sequence,
            };

            var slot = (int)(sequence % RingSize);
            var segment = _ring[slot];
            if (segment?.Sequence != sequence)
            {
                segment = null;
                if ((sequence == _nextWrite || (_nextWrite == 0 && sequence == 1)) && !_closed)
                {
                    replaced = _ring[slot];
                    segment = new TrickleSegment(sequence, _maxSegmentBytes);
                    _ring[slot] = segment;
                    created = true;
                }
            }

            lookup = new ReadLookup(sequence, segment, _nextWrite, _closed);
        }

        if (created)
        {
            Replaced(replaced);
            _changed.Fire();
        }

        return lookup;
    }

    /// <summary>Upstream <c>closeSeq</c>: closes the segment if the ring holds it.</summary>
    public CloseSegmentResult CloseSegment(long sequence)
    {
        TrickleSegment? segment;
        lock (_lock)
        {
            segment = sequence < 0 ? null : _ring[(int)(sequence % RingSize)];
        }

        if (segment is null || segment.Sequence != sequence)
        {
            return CloseSegmentResult.Nonexistent;
        }

        segment.Buffer.Close();
        return CloseSegmentResult.Closed;
    }

    /// <summary>The lowest sequence number the ring holds, or <c>null</c> when empty.</summary>
    public long? OldestHeld()
    {
        lock (_lock)
        {
            return _ring.OfType<TrickleSegment>().Select(s => (long?)s.Sequence).Min();
        }
    }

    /// <summary>
    /// Upstream <c>Stream.close</c>: closes every segment (readers finish what is stored), empties the ring
    /// and marks the channel closed. Returns false if it already was.
    /// </summary>
    public bool Close()
    {
        List<TrickleSegment> held;
        lock (_lock)
        {
            if (_closed)
            {
                return false;
            }

            _closed = true;
            held = [.. _ring.OfType<TrickleSegment>()];
            Array.Clear(_ring);
        }

        foreach (var segment in held)
        {
            segment.Buffer.Close();
        }

        _counters.SegmentsRemoved(held.Count);
        _changed.Fire();
        return true;
    }

    // Counts a new ring entry; a replaced segment is dropped so a lapped reader ends and its bytes are freed.
    private void Replaced(TrickleSegment? old)
    {
        if (old is null)
        {
            _counters.SegmentsAdded();
            return;
        }

        old.Buffer.Drop();
    }
}
