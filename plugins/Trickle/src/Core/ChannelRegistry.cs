using System.Collections.Concurrent;

namespace Livepeer.Plugins.Trickle.Core;

/// <summary>
/// Every channel of the node, by name (ordinal). One instance is shared by the HTTP server, the sweep and
/// the in-process <c>ISegmentChannels</c>, so a segment published one way is visible the other way.
/// </summary>
internal sealed class ChannelRegistry
{
    private readonly ConcurrentDictionary<string, TrickleChannel> _channels = new(StringComparer.Ordinal);
    private readonly Lock _createLock = new();
    private readonly TimeProvider _time;

    public ChannelRegistry(TrickleOptions options, TimeProvider time)
    {
        Options = options;
        _time = time;
    }

    public TrickleOptions Options { get; }

    public TrickleCounters Counters { get; } = new();

    public TimeProvider Time => _time;

    public TrickleChannel? Find(string name) => _channels.GetValueOrDefault(name);

    /// <summary>Upstream <c>getOrCreateStream(name, mime, force=true)</c>, bounded by the channel limit.</summary>
    public CreateOutcome GetOrCreate(string name, string mimeType, out TrickleChannel? channel)
    {
        if (_channels.TryGetValue(name, out channel))
        {
            return CreateOutcome.Existing;
        }

        if (!ChannelNames.IsValid(name))
        {
            return CreateOutcome.InvalidName;
        }

        lock (_createLock)
        {
            if (_channels.TryGetValue(name, out channel))
            {
                return CreateOutcome.Existing;
            }

            if (_channels.Count >= Options.MaxChannels)
            {
                return CreateOutcome.LimitReached;
            }

            channel = new TrickleChannel(name, mimeType, _time.GetUtcNow(), Options.MaxSegmentBytes, Counters);
            _channels[name] = channel;
            Counters.ChannelAdded();
            return CreateOutcome.Created;
        }
    }

    /// <summary>Upstream <c>closeStream</c>: closes the channel and forgets it. False when there was none.</summary>
    public bool Delete(string name)
    {
        if (!_channels.TryRemove(name, out var channel))
        {
            return false;
        }

        Counters.ChannelRemoved();
        channel.Close();
        return true;
    }

    /// <summary>
    /// Upstream <c>sweepIdleChannels</c>: closes channels whose last segment started more than the idle
    /// timeout ago, except names starting with '_'. Returns the names closed.
    /// </summary>
    public IReadOnlyList<string> Sweep()
    {
        var now = _time.GetUtcNow();
        var swept = new List<string>();
        foreach (var (name, channel) in _channels)
        {
            if (name[0] != ChannelNames.SweepExemptPrefix && now - channel.WriteTime > Options.IdleTimeout && Delete(name))
            {
                swept.Add(name);
            }
        }

        return swept;
    }

    /// <summary>Upstream <c>clearAllStreams</c> (server stop): closes every channel so waiting requests end.</summary>
    public void CloseAll()
    {
        foreach (var name in _channels.Keys)
        {
            Delete(name);
        }
    }
}
