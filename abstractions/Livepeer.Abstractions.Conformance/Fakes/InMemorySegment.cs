namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>One segment of an in-memory channel: bytes readable by any number of readers while still being written.</summary>
internal sealed class InMemorySegment
{
    private readonly Lock _lock = new();
    private readonly Pulse _changed = new();
    private byte[] _data = [];
    private int _length;
    private bool _complete;
    private bool _aborted;

    public InMemorySegment(long sequence) => Sequence = sequence;

    public long Sequence { get; }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        lock (_lock)
        {
            if (_aborted)
            {
                throw new Abstractions.Channels.SegmentChannelNotFoundException($"The channel of segment {Sequence} was deleted.");
            }

            if (_complete)
            {
                throw new InvalidOperationException($"Segment {Sequence} is already complete.");
            }

            if (_length + bytes.Length > _data.Length)
            {
                Array.Resize(ref _data, Math.Max(_length + bytes.Length, _data.Length * 2));
            }

            bytes.CopyTo(_data.AsSpan(_length));
            _length += bytes.Length;
        }

        _changed.Fire();
    }

    public void Complete()
    {
        lock (_lock)
        {
            _complete = true;
        }

        _changed.Fire();
    }

    /// <summary>Ends the segment because its channel was deleted; later writes fail.</summary>
    public void Abort()
    {
        lock (_lock)
        {
            _complete = true;
            _aborted = true;
        }

        _changed.Fire();
    }

    /// <summary>Copies bytes from <paramref name="offset"/>, waiting for more while the segment is open; 0 at its end.</summary>
    public async ValueTask<int> ReadAsync(long offset, Memory<byte> destination, CancellationToken cancellationToken)
    {
        while (true)
        {
            Task wait;
            lock (_lock)
            {
                if (offset < _length)
                {
                    var count = (int)Math.Min(destination.Length, _length - offset);
                    _data.AsSpan((int)offset, count).CopyTo(destination.Span);
                    return count;
                }

                if (_complete || destination.IsEmpty)
                {
                    return 0;
                }

                wait = _changed.Current;
            }

            await wait.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
