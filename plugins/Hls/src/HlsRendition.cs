using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.Hls;

/// <summary>
/// One rendition's segments in memory: the newest <c>retained</c> ones, of which the newest <c>window</c> are
/// listed. Numbers are this rendition's own contiguous media sequence, so a segment keeps its number while it is listed.
/// </summary>
internal sealed class HlsRendition
{
    private readonly Lock _lock = new();
    private readonly List<HlsSegment> _segments = [];
    private readonly int _retained;
    private long _nextSequence;
    private long _lastHubSequence = -1;
    private long _evictedDiscontinuities;
    private int _targetDuration;
    private long _peakBitsPerSecond;
    private long _bytes;

    public HlsRendition(string name, int retained)
    {
        Name = name;
        _retained = retained;
    }

    public string Name { get; }

    /// <summary>Bytes held.</summary>
    public long Bytes
    {
        get
        {
            lock (_lock)
            {
                return _bytes;
            }
        }
    }

    /// <summary>True once a segment arrived.</summary>
    public bool HasSegments
    {
        get
        {
            lock (_lock)
            {
                return _nextSequence > 0;
            }
        }
    }

    /// <summary>The peak segment bit rate seen (RFC 8216 §4.3.4.2 BANDWIDTH); 0 before the first segment.</summary>
    public long PeakBitsPerSecond
    {
        get
        {
            lock (_lock)
            {
                return _peakBitsPerSecond;
            }
        }
    }

    /// <summary>Adds a segment from the hub; returns the bytes the rendition let go to stay within its count.</summary>
    public long Add(MediaSegment segment)
    {
        lock (_lock)
        {
            // The hub numbers segments without gaps; a jump means a slow reader lost some (RFC 8216 §4.3.2.3).
            var discontinuity = _lastHubSequence >= 0 && segment.Sequence != _lastHubSequence + 1;
            _lastHubSequence = segment.Sequence;
            var held = new HlsSegment(_nextSequence++, segment.Duration, segment.Data, segment.ContentType, discontinuity);
            _segments.Add(held);
            _bytes += held.Data.Length;

            // RFC 8216 §4.3.3.1: EXTINF rounded to the nearest integer MUST NOT exceed the target; the ceiling is safe.
            _targetDuration = Math.Max(_targetDuration, Math.Max(1, (int)Math.Ceiling(segment.Duration.TotalSeconds - 0.0005)));
            if (segment.Duration > TimeSpan.Zero)
            {
                _peakBitsPerSecond = Math.Max(_peakBitsPerSecond, (long)(held.Data.Length * 8 / segment.Duration.TotalSeconds));
            }

            long released = 0;
            while (_segments.Count > _retained)
            {
                released += RemoveOldestLocked();
            }

            return released;
        }
    }

    /// <summary>Lets the oldest segment go (to bound the stream's memory); returns its size, 0 when empty.</summary>
    public long RemoveOldest()
    {
        lock (_lock)
        {
            return _segments.Count == 0 ? 0 : RemoveOldestLocked();
        }
    }

    /// <summary>The segment numbered <paramref name="sequence"/>, while it is held.</summary>
    public HlsSegment? Find(long sequence)
    {
        lock (_lock)
        {
            if (_segments.Count == 0)
            {
                return null;
            }

            var index = sequence - _segments[0].Sequence;
            return index >= 0 && index < _segments.Count ? _segments[(int)index] : null;
        }
    }

    /// <summary>The newest <paramref name="window"/> segments and the playlist tags that go with them.</summary>
    public MediaPlaylistSnapshot Snapshot(int window, bool ended)
    {
        lock (_lock)
        {
            var start = Math.Max(0, _segments.Count - window);
            var listed = _segments.GetRange(start, _segments.Count - start);
            var discontinuities = _evictedDiscontinuities + _segments.Take(start).Count(s => s.Discontinuity);
            return new MediaPlaylistSnapshot(listed, Math.Max(1, _targetDuration), discontinuities, ended)
            {
                MediaSequence = listed.Count > 0 ? listed[0].Sequence : _nextSequence,
            };
        }
    }

    private long RemoveOldestLocked()
    {
        var oldest = _segments[0];
        _segments.RemoveAt(0);
        _bytes -= oldest.Data.Length;
        if (oldest.Discontinuity)
        {
            _evictedDiscontinuities++;
        }

        return oldest.Data.Length;
    }
}
