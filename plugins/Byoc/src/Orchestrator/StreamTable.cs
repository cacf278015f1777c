using System.Collections.Concurrent;

namespace Livepeer.Plugins.Byoc.Orchestrator;

/// <summary>The running streams by id. A stream is added before its channels exist, so two starts of one id cannot both proceed.</summary>
internal sealed class StreamTable
{
    private readonly ConcurrentDictionary<string, ActiveStream> _streams = new(StringComparer.Ordinal);

    public int Count => _streams.Count;

    public bool TryAdd(ActiveStream stream) => _streams.TryAdd(stream.Id, stream);

    public ActiveStream? Find(string id) => _streams.GetValueOrDefault(id);

    /// <summary>Removes exactly this stream (not a later one of the same id); true only for the caller that removed it.</summary>
    public bool TryRemove(ActiveStream stream) => _streams.TryRemove(new KeyValuePair<string, ActiveStream>(stream.Id, stream));

    public IReadOnlyList<ActiveStream> Snapshot() => [.. _streams.Values];
}
