namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>One channel of <see cref="InMemorySegmentChannels"/>: a ring of the latest segments, like a trickle server's.</summary>
internal sealed class InMemoryChannel
{
    private readonly Lock _lock = new();
    private readonly Pulse _changed = new();
    private readonly Queue<InMemorySegment> _ring = new();
    private long _next;
    private bool _closed;

    public InMemoryChannel(string name, string mimeType)
    {
        Name = name;
        MimeType = mimeType;
    }

    public string Name { get; }

    public string MimeType { get; }

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

    /// <summary>The sequence number the next segment will get.</summary>
    public long NextSequence
    {
        get
        {
            lock (_lock)
            {
                return _next;
            }
        }
    }

    public InMemorySegment Begin()
    {
        InMemorySegment segment;
        lock (_lock)
        {
            if (_closed)
            {
                throw new Abstractions.Channels.SegmentChannelNotFoundException($"Channel '{Name}' was deleted.");
            }

            segment = new InMemorySegment(_next++);
            _ring.Enqueue(segment);
            if (_ring.Count > InMemorySegmentChannels.SegmentsHeld)
            {
                _ring.Dequeue();
            }
        }

        _changed.Fire();
        return segment;
    }

    /// <summary>
    /// The segment numbered <paramref name="sequence"/>, or the oldest one held when that one was already
    /// dropped; waits for it to start. Null once the channel is closed.
    /// </summary>
    public async ValueTask<InMemorySegment?> WaitForAsync(long sequence, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (_closed)
                {
                    return null;
                }

                var found = _ring.FirstOrDefault(s => s.Sequence >= sequence);
                if (found is not null)
                {
                    return found;
                }

                wait = _changed.Current;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public void Close()
    {
        InMemorySegment[] open;
        lock (_lock)
        {
            _closed = true;
            open = [.. _ring];
        }

        // Readers of unfinished segments reach their end instead of waiting for a writer that is gone.
        foreach (var segment in open)
        {
            segment.Abort();
        }

        _changed.Fire();
    }
}
