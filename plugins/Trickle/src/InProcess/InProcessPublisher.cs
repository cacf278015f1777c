using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Core;

namespace Livepeer.Plugins.Trickle.InProcess;

/// <summary>
/// Publishes segments into a channel in process (upstream <c>TrickleLocalPublisher</c>): the first segment
/// takes the channel's next write, each later one the previous sequence + 1.
/// </summary>
internal sealed class InProcessPublisher : ISegmentPublisher
{
    private readonly TrickleChannel _channel;
    private readonly ChannelRegistry _registry;
    private long? _next;
    private bool _disposed;

    public InProcessPublisher(TrickleChannel channel, ChannelRegistry registry)
    {
        _channel = channel;
        _registry = registry;
    }

    public string ChannelName => _channel.Name;

    public ValueTask<ISegmentWriter> BeginSegmentAsync(CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (_channel.IsClosed || !ReferenceEquals(_registry.Find(_channel.Name), _channel))
        {
            throw new SegmentChannelNotFoundException($"The trickle channel '{_channel.Name}' was deleted.");
        }

        var sequence = _next ?? _channel.NextWrite;
        _next = sequence + 1;
        var segment = _channel.GetForWrite(sequence);
        return ValueTask.FromResult<ISegmentWriter>(new InProcessSegmentWriter(_channel, segment, _registry));
    }

    public ValueTask DisposeAsync()
    {
        _disposed = true;
        return ValueTask.CompletedTask;
    }
}
