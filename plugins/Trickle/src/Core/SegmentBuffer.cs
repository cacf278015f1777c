namespace Livepeer.Plugins.Trickle.Core;

/// <summary>
/// The bytes of one segment: append-only, readable by any number of readers while it is written (each
/// reader keeps its own position), bounded by a size limit. Pages grow from 32 KiB to 1 MiB as upstream's
/// <c>segmentBuffer</c> does, so small control segments stay small. Shared by the server and the clients.
/// </summary>
internal sealed class SegmentBuffer
{
    private const int FirstPageBytes = 32 * 1024;
    private const int LargestPageBytes = 1024 * 1024;

    private readonly Lock _lock = new();
    private readonly List<byte[]> _pages = [];
    private readonly List<long> _pageStarts = [];
    private readonly Signal _changed = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _maxBytes;
    private long _length;
    private bool _closed;
    private bool _dropped;

    /// <summary>Creates an empty buffer that refuses to grow beyond <paramref name="maxBytes"/>.</summary>
    public SegmentBuffer(long maxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(maxBytes);
        _maxBytes = maxBytes;
    }

    /// <summary>Bytes stored so far.</summary>
    public long Length
    {
        get
        {
            lock (_lock)
            {
                return _length;
            }
        }
    }

    /// <summary>True once closed (or dropped): readers reach the end after the stored bytes.</summary>
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

    /// <summary>True once dropped: the bytes are released and every reader is at its end.</summary>
    public bool IsDropped
    {
        get
        {
            lock (_lock)
            {
                return _dropped;
            }
        }
    }

    /// <summary>Completes when the buffer is closed or dropped.</summary>
    public Task Ended => _ended.Task;

    /// <summary>
    /// Appends bytes and wakes readers. Appending after <see cref="Close"/> is allowed, as upstream's
    /// <c>writeData</c> ignores the closed flag (a second POST to the same seq appends).
    /// </summary>
    public AppendResult Append(ReadOnlySpan<byte> data)
    {
        lock (_lock)
        {
            if (_dropped)
            {
                return AppendResult.Dropped;
            }

            if (_length + data.Length > _maxBytes)
            {
                return AppendResult.TooLarge;
            }

            while (!data.IsEmpty)
            {
                var free = FreeInLastPage();
                if (free == 0)
                {
                    var size = _pages.Count == 0 ? FirstPageBytes : Math.Min(_pages[^1].Length * 2, LargestPageBytes);
                    _pages.Add(new byte[size]);
                    _pageStarts.Add(_length);
                    free = size;
                }

                var take = Math.Min(free, data.Length);
                var page = _pages[^1];
                data[..take].CopyTo(page.AsSpan(page.Length - free));
                _length += take;
                data = data[take..];
            }
        }

        _changed.Fire();
        return AppendResult.Appended;
    }

    /// <summary>Marks the end of the segment; readers finish the stored bytes and then see the end.</summary>
    public void Close()
    {
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }

            _closed = true;
        }

        _ended.TrySetResult();
        _changed.Fire();
    }

    /// <summary>Closes and releases the bytes; readers see the end at once and appends are discarded.</summary>
    public void Drop()
    {
        lock (_lock)
        {
            _closed = true;
            _dropped = true;
            _pages.Clear();
            _pageStarts.Clear();
        }

        _ended.TrySetResult();
        _changed.Fire();
    }

    /// <summary>
    /// Copies stored bytes from <paramref name="position"/> without waiting. Returns the count; when it is 0,
    /// <paramref name="ended"/> says whether the reader is at the end for good (closed, dropped, or a
    /// position past the stored bytes) rather than ahead of the writer.
    /// </summary>
    public int Read(long position, Span<byte> destination, out bool ended)
    {
        lock (_lock)
        {
            if (_dropped || position > _length)
            {
                ended = true;
                return 0;
            }

            if (position == _length || destination.IsEmpty)
            {
                ended = _closed && position == _length;
                return 0;
            }

            var pageIndex = _pageStarts.BinarySearch(position);
            if (pageIndex < 0)
            {
                pageIndex = ~pageIndex - 1;
            }

            var copied = 0;
            while (copied < destination.Length && position < _length)
            {
                var page = _pages[pageIndex];
                var offset = (int)(position - _pageStarts[pageIndex]);
                var available = (int)Math.Min(page.Length - offset, _length - position);
                var take = Math.Min(available, destination.Length - copied);
                page.AsSpan(offset, take).CopyTo(destination[copied..]);
                copied += take;
                position += take;
                pageIndex++;
            }

            ended = false;
            return copied;
        }
    }

    /// <summary>Waits until there are bytes beyond <paramref name="position"/> or the buffer ends.</summary>
    public async ValueTask WaitAsync(long position, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = _changed.Task;
            lock (_lock)
            {
                if (_closed || position != _length)
                {
                    return;
                }
            }

            await changed.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A stream that reads the buffer from the start, waiting for bytes as they are appended.</summary>
    public SegmentReader OpenReader(Action? onDispose = null) => new(this, onDispose);

    private int FreeInLastPage() => _pages.Count == 0 ? 0 : (int)(_pageStarts[^1] + _pages[^1].Length - _length);
}
