using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;

namespace Livepeer.Conformance.Tests.Channels;

/// <summary>A deliberately broken provider: it holds each segment back until the writer completes it (no trickle).</summary>
internal sealed class BufferingSegmentChannels : ISegmentChannels
{
    private readonly InMemorySegmentChannels _inner = new("buffering");

    public string Name => _inner.Name;

    public ValueTask<SegmentChannelInfo> CreateChannelAsync(string name, string mimeType, CancellationToken cancellationToken) =>
        _inner.CreateChannelAsync(name, mimeType, cancellationToken);

    public ValueTask<bool> DeleteChannelAsync(string name, CancellationToken cancellationToken) => _inner.DeleteChannelAsync(name, cancellationToken);

    public SegmentChannelInfo? GetChannel(string name) => _inner.GetChannel(name);

    public ISegmentPublisher OpenPublisher(string name) => new Publisher(_inner.OpenPublisher(name));

    public ISegmentSubscriber OpenSubscriber(string name, long startSequence = SegmentChannelInfo.NextSegment) =>
        _inner.OpenSubscriber(name, startSequence);

    private sealed class Publisher(ISegmentPublisher inner) : ISegmentPublisher
    {
        private long _next;

        public string ChannelName => inner.ChannelName;

        public ValueTask<ISegmentWriter> BeginSegmentAsync(CancellationToken cancellationToken) =>
            ValueTask.FromResult<ISegmentWriter>(new Writer(inner, _next++));

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }

    private sealed class Writer(ISegmentPublisher inner, long sequence) : ISegmentWriter
    {
        private readonly MemoryStream _held = new();

        public long Sequence => sequence;

        public ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
        {
            _held.Write(data.Span);
            return ValueTask.CompletedTask;
        }

        public async ValueTask DisposeAsync() => await inner.WriteSegmentAsync(_held.ToArray(), CancellationToken.None);
    }
}
