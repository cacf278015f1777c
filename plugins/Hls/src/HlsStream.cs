using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.Hls;

/// <summary>One stream's renditions, from the moment it started until it is freed after it ended.</summary>
internal sealed class HlsStream : IDisposable
{
    private readonly Lock _lock = new();
    private readonly List<HlsRendition> _renditions = [];
    private readonly IMediaStreamHub _hub;
    private readonly long _maxBytes;
    private StreamDescriptor _descriptor;
    private int _readers;
    private bool _ended;
    private ITimer? _freeTimer;

    public HlsStream(StreamDescriptor descriptor, IMediaStreamHub hub, IEnumerable<string> renditions, int retained, long maxBytes)
    {
        _descriptor = descriptor;
        _hub = hub;
        _maxBytes = maxBytes;
        foreach (var name in renditions)
        {
            _renditions.Add(new HlsRendition(name, retained));
        }
    }

    public string Id => _descriptor.StreamId;

    /// <summary>The descriptor, as fresh as the hub has it while the stream is live (tracks become known late).</summary>
    public StreamDescriptor Descriptor
    {
        get
        {
            if (!Ended && _hub.ActiveStreams.FirstOrDefault(d => string.Equals(d.StreamId, Id, StringComparison.Ordinal)) is { } live)
            {
                Volatile.Write(ref _descriptor, live);
            }

            return Volatile.Read(ref _descriptor);
        }
    }

    /// <summary>True once every rendition's subscription has ended: the playlists get EXT-X-ENDLIST.</summary>
    public bool Ended
    {
        get
        {
            lock (_lock)
            {
                return _ended;
            }
        }
    }

    /// <summary>The renditions, source first, in the order the stream declared them.</summary>
    public IReadOnlyList<HlsRendition> Renditions
    {
        get
        {
            lock (_lock)
            {
                return [.. _renditions];
            }
        }
    }

    public HlsRendition? Find(string rendition)
    {
        lock (_lock)
        {
            return _renditions.FirstOrDefault(r => string.Equals(r.Name, rendition, StringComparison.Ordinal));
        }
    }

    /// <summary>Adds a segment; returns how many segments were let go to keep the stream under its byte limit.</summary>
    public int Add(HlsRendition rendition, MediaSegment segment)
    {
        rendition.Add(segment);
        var evicted = 0;
        lock (_lock)
        {
            // Bound the stream's memory: take from the rendition holding the most until the total fits.
            while (_renditions.Sum(r => r.Bytes) > _maxBytes)
            {
                var largest = _renditions.MaxBy(r => r.Bytes)!;
                if (largest.RemoveOldest() == 0)
                {
                    break;
                }

                evicted++;
            }
        }

        return evicted;
    }

    public void ReaderStarted()
    {
        lock (_lock)
        {
            _readers++;
        }
    }

    /// <summary>Counts a finished reader; true when it was the last, so the stream has ended.</summary>
    public bool ReaderFinished()
    {
        lock (_lock)
        {
            _readers--;
            if (_readers > 0 || _ended)
            {
                return false;
            }

            _ended = true;
            return true;
        }
    }

    /// <summary>Arms the timer that frees the ended stream.</summary>
    public void ScheduleFree(TimeProvider time, TimeSpan after, Action<HlsStream> free)
    {
        var timer = time.CreateTimer(_ => free(this), null, after, Timeout.InfiniteTimeSpan);
        lock (_lock)
        {
            _freeTimer?.Dispose();
            _freeTimer = timer;
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _freeTimer?.Dispose();
            _freeTimer = null;
        }
    }
}
