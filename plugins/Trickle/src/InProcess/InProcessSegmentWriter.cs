using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Core;

namespace Livepeer.Plugins.Trickle.InProcess;

/// <summary>Writes one segment in process; the first byte (or an empty completion) moves the channel's write head as a POST does.</summary>
internal sealed class InProcessSegmentWriter : ISegmentWriter
{
    private readonly TrickleChannel _channel;
    private readonly TrickleSegment _segment;
    private readonly ChannelRegistry _registry;
    private bool _started;
    private bool _disposed;

    public InProcessSegmentWriter(TrickleChannel channel, TrickleSegment segment, ChannelRegistry registry)
    {
        _channel = channel;
        _segment = segment;
        _registry = registry;
    }

    public long Sequence => _segment.Sequence;

    public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (data.IsEmpty)
        {
            return ValueTask.CompletedTask;
        }

        Start();
        if (_segment.Buffer.Append(data.Span) == AppendResult.TooLarge)
        {
            _segment.Buffer.Close();
            throw new SegmentChannelException($"Segment {Sequence} of '{_channel.Name}' is larger than {_registry.Options.MaxSegmentBytes} bytes.");
        }

        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return ValueTask.CompletedTask;
        }

        _disposed = true;
        Start(); // an empty segment still moves the write head (upstream's zero-byte EOF path)
        _segment.Buffer.Close();
        return ValueTask.CompletedTask;
    }

    private void Start()
    {
        if (!_started)
        {
            _started = true;
            _channel.MarkWritten(_segment.Sequence, _registry.Time.GetUtcNow());
        }
    }
}
