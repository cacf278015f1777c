using System.Collections.Concurrent;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;

namespace Livepeer.Plugins.Byoc.Tests.Fakes;

/// <summary>In-memory channels that hand out fake trickle URLs and count the channels alive, for leak checks.</summary>
internal sealed class CountingChannels : ISegmentChannels
{
    private readonly InMemorySegmentChannels _inner = new("trickle");
    private readonly ConcurrentDictionary<string, string> _alive = new(StringComparer.Ordinal);

    public string Name => _inner.Name;

    public int Alive => _alive.Count;

    public IReadOnlyCollection<string> Names => [.. _alive.Keys];

    public async ValueTask<SegmentChannelInfo> CreateChannelAsync(string name, string mimeType, CancellationToken cancellationToken)
    {
        var info = await _inner.CreateChannelAsync(name, mimeType, cancellationToken);
        _alive[name] = mimeType;
        return info with { Url = new Uri("https://127.0.0.1:8935/ai/trickle/" + name) };
    }

    public async ValueTask<bool> DeleteChannelAsync(string name, CancellationToken cancellationToken)
    {
        _alive.TryRemove(name, out _);
        return await _inner.DeleteChannelAsync(name, cancellationToken);
    }

    public SegmentChannelInfo? GetChannel(string name) => _inner.GetChannel(name);

    public ISegmentPublisher OpenPublisher(string name) => _inner.OpenPublisher(name);

    public ISegmentSubscriber OpenSubscriber(string name, long startSequence = -1) => _inner.OpenSubscriber(name, startSequence);

    public string? MimeOf(string name) => _alive.GetValueOrDefault(name);
}
