using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// The gateway's streams by id: ids reserved while a start looks for orchestrators (so two starts of one id cannot both
/// proceed), the live streams, and the final status of the last <see cref="MaxEnded"/> ended ones (what
/// <c>/status</c> answers after a stream stopped or failed, bounded instead of upstream's 1-minute timer).
/// </summary>
internal sealed class GatewayStreamTable
{
    /// <summary>Ended streams whose final status is kept.</summary>
    public const int MaxEnded = 256;

    private readonly ConcurrentDictionary<string, GatewayStream> _live = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _ended = new(StringComparer.Ordinal);
    private readonly Queue<string> _endedOrder = new();

    /// <summary>Live streams plus reserved ids.</summary>
    public int Count
    {
        get
        {
            lock (_reserved)
            {
                return _live.Count + _reserved.Count;
            }
        }
    }

    /// <summary>Reserves <paramref name="id"/> unless it is in use or <paramref name="limit"/> streams exist.</summary>
    public ReserveOutcome TryReserve(string id, int limit)
    {
        lock (_reserved)
        {
            if (_live.ContainsKey(id) || _reserved.Contains(id))
            {
                return ReserveOutcome.InUse;
            }

            if (_live.Count + _reserved.Count >= limit)
            {
                return ReserveOutcome.Full;
            }

            _reserved.Add(id);
            return ReserveOutcome.Reserved;
        }
    }

    public void Release(string id)
    {
        lock (_reserved)
        {
            _reserved.Remove(id);
        }
    }

    /// <summary>Turns a reservation into a live stream.</summary>
    public void Add(GatewayStream stream)
    {
        lock (_reserved)
        {
            _reserved.Remove(stream.Id);
            _live[stream.Id] = stream;
            Forget(stream.Id);
        }
    }

    public GatewayStream? Find(string id) => _live.GetValueOrDefault(id);

    /// <summary>The final status of a stream that ended recently, or <c>null</c>.</summary>
    public JsonObject? FindEnded(string id)
    {
        lock (_reserved)
        {
            return _ended.GetValueOrDefault(id);
        }
    }

    /// <summary>Removes exactly this stream, keeping its final status.</summary>
    public void Remove(GatewayStream stream, JsonObject finalStatus)
    {
        lock (_reserved)
        {
            if (!_live.TryRemove(new KeyValuePair<string, GatewayStream>(stream.Id, stream)))
            {
                return;
            }

            Forget(stream.Id);
            _ended[stream.Id] = finalStatus;
            _endedOrder.Enqueue(stream.Id);
            while (_endedOrder.Count > MaxEnded && _endedOrder.TryDequeue(out var oldest))
            {
                _ended.Remove(oldest);
            }
        }
    }

    public IReadOnlyList<GatewayStream> Snapshot() => [.. _live.Values];

    // Called under the lock: a reused id starts afresh.
    private void Forget(string id)
    {
        if (_ended.Remove(id))
        {
            var kept = _endedOrder.Where(i => i != id).ToList();
            _endedOrder.Clear();
            foreach (var i in kept)
            {
                _endedOrder.Enqueue(i);
            }
        }
    }
}

internal enum ReserveOutcome
{
    Reserved,
    InUse,
    Full,
}
