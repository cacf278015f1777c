using System.Collections.Concurrent;

namespace Livepeer.Host.Protocol;

/// <summary>
/// The orchestrator's transcoding sessions, keyed by auth-token session id, against <c>-maxSessions</c>
/// (go-livepeer's <c>CheckCapacity</c>: full when the count reaches the maximum).
/// </summary>
internal sealed class TranscodingSessions(int maxSessions)
{
    private readonly ConcurrentDictionary<string, byte> _sessions = new(StringComparer.Ordinal);

    public int MaxSessions { get; } = maxSessions;

    public int Count => _sessions.Count;

    public bool HasCapacity => _sessions.Count < MaxSessions;

    /// <summary>Starts (or keeps) a session; false when the node is full.</summary>
    public bool TryStart(string sessionId)
    {
        if (_sessions.ContainsKey(sessionId))
        {
            return true;
        }

        if (!HasCapacity)
        {
            return false;
        }

        return _sessions.TryAdd(sessionId, 0) || _sessions.ContainsKey(sessionId);
    }

    public bool End(string sessionId) => _sessions.TryRemove(sessionId, out _);
}
