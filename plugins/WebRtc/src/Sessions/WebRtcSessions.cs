using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Livepeer.Plugins.WebRtc.Sessions;

/// <summary>
/// The WHIP and WHEP sessions open on this node, by id; per-stream viewer counting for the WHEP limit; and
/// opened/closed totals (a test's leak accounting: opened − closed = open).
/// </summary>
internal sealed class WebRtcSessions : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, WebRtcSession> _sessions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _viewers = new(StringComparer.Ordinal);
    private readonly Lock _viewerLock = new();
    private long _opened;
    private long _closed;

    public int Count => _sessions.Count;

    public long Opened => Interlocked.Read(ref _opened);

    public long Closed => Interlocked.Read(ref _closed);

    /// <summary>Viewer reservations held now, over all streams.</summary>
    public int ViewerReservations
    {
        get
        {
            lock (_viewerLock)
            {
                return _viewers.Values.Sum();
            }
        }
    }

    public IReadOnlyList<WebRtcSession> All => [.. _sessions.Values.OrderBy(s => s.StartedAt)];

    /// <summary>A fresh resource id: 16 lower-case hex digits from the system CSPRNG (as upstream's Location ids).</summary>
    public static string NewId() => RandomNumberGenerator.GetHexString(16, lowercase: true);

    public WebRtcSession? Find(string id) => _sessions.GetValueOrDefault(id);

    public IReadOnlyList<WebRtcSession> OfStream(string stream) =>
        [.. _sessions.Values.Where(s => string.Equals(s.Stream, stream, StringComparison.Ordinal)).OrderBy(s => s.StartedAt)];

    /// <summary>Registers and starts a session.</summary>
    public void Add(WebRtcSession session)
    {
        ArgumentNullException.ThrowIfNull(session);
        if (!_sessions.TryAdd(session.Id, session))
        {
            throw new InvalidOperationException($"session id {session.Id} is taken");
        }

        Interlocked.Increment(ref _opened);
        session.Start(this);
    }

    internal void Remove(WebRtcSession session)
    {
        if (_sessions.TryRemove(new KeyValuePair<string, WebRtcSession>(session.Id, session)))
        {
            Interlocked.Increment(ref _closed);
        }
    }

    /// <summary>Takes a viewer slot of a stream; false when <paramref name="max"/> (&gt; 0) are taken.</summary>
    public bool TryReserveViewer(string stream, int max)
    {
        lock (_viewerLock)
        {
            var current = _viewers.GetValueOrDefault(stream);
            if (max > 0 && current >= max)
            {
                return false;
            }

            _viewers[stream] = current + 1;
            return true;
        }
    }

    public void ReleaseViewer(string stream)
    {
        lock (_viewerLock)
        {
            if (_viewers.TryGetValue(stream, out var current))
            {
                if (current <= 1)
                {
                    _viewers.Remove(stream);
                }
                else
                {
                    _viewers[stream] = current - 1;
                }
            }
        }
    }

    /// <summary>Ends every session (node shutdown).</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_sessions.Values.Select(s => s.StopAsync("node stopping"))).ConfigureAwait(false);
    }
}
