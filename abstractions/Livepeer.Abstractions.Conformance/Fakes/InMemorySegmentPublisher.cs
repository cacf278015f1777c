using Livepeer.Abstractions.Channels;

namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>Writes segments to an <see cref="InMemoryChannel"/>.</summary>
internal sealed class InMemorySegmentPublisher : ISegmentPublisher
{
    private readonly InMemoryChannel _channel;
    private bool _disposed;

    public InMemorySegmentPublisher(InMemoryChannel channel) => _channel = channel;

    public string ChannelName => _channel.Name;

    public ValueTask<ISegmentWriter> BeginSegmentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<ISegmentWriter>(new InMemorySegmentWriter(_channel.Begin()));
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }

    private sealed class InMemorySegmentWriter(InMemorySegment segment) : ISegmentWriter
    {
        public long Sequence => segment.Sequence;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            segment.Append(data.Span);
            return ValueTask.CompletedTask;
        }

        public ValueTask DisposeAsync()
        {
            segment.Complete();
            return ValueTask.CompletedTask;
        }
    }
}
