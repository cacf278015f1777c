using Livepeer.Abstractions.Channels;

namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>Reads segments of an <see cref="InMemoryChannel"/> from a position on.</summary>
internal sealed class InMemorySegmentSubscriber : ISegmentSubscriber
{
    private readonly InMemoryChannel _channel;
    private long _position;
    private bool _disposed;

    public InMemorySegmentSubscriber(InMemoryChannel channel, long start)
    {
        _channel = channel;
        _position = start;
    }

    public string ChannelName => _channel.Name;

    public async ValueTask<IChannelSegment?> NextSegmentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        var segment = await _channel.WaitForAsync(_position, cancellationToken).ConfigureAwait(false);
        if (segment is null)
        {
            return null;
        }

        _position = segment.Sequence + 1;
        return new InMemoryChannelSegment(segment);
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private sealed class InMemoryChannelSegment(InMemorySegment segment) : IChannelSegment
    {
        public long Sequence => segment.Sequence;

        public Stream Content { get; } = new InMemorySegmentStream(segment);

        public ValueTask DisposeAsync() => Content.DisposeAsync();
    }
}
