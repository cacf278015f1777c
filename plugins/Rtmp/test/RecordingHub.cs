using System.Collections.Concurrent;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>An in-memory hub that also keeps every segment and descriptor of every stream ever published.</summary>
internal sealed class RecordingHub : IMediaStreamHub
{
    private readonly InMemoryMediaStreamHub _inner = new(subscriberBuffer: 4096);
    private readonly ConcurrentDictionary<string, Recorded> _streams = new(StringComparer.Ordinal);

    public IReadOnlyList<StreamDescriptor> ActiveStreams => _inner.ActiveStreams;

    public async ValueTask<IStreamPublication> PublishAsync(StreamDescriptor descriptor, CancellationToken cancellationToken)
    {
        var publication = await _inner.PublishAsync(descriptor, cancellationToken);
        var recorded = new Recorded(publication);
        _streams[descriptor.StreamId] = recorded;
        return recorded;
    }

    public IStreamSubscription? Subscribe(string streamId, string rendition = StreamDescriptor.SourceRendition) => _inner.Subscribe(streamId, rendition);

    public IReadOnlyList<MediaSegment> SegmentsOf(string streamId) =>
        _streams.TryGetValue(streamId, out var s) ? s.Snapshot() : [];

    public StreamDescriptor? DescriptorOf(string streamId) => _streams.TryGetValue(streamId, out var s) ? s.Descriptor : null;

    public bool HasEnded(string streamId) => _streams.TryGetValue(streamId, out var s) && s.Ended;

    public async Task<IReadOnlyList<MediaSegment>> WaitForEndAsync(string streamId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!HasEnded(streamId))
        {
            await Task.Delay(20, cts.Token);
        }

        return SegmentsOf(streamId);
    }

    public async Task WaitForStreamAsync(string streamId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (!_streams.ContainsKey(streamId))
        {
            await Task.Delay(20, cts.Token);
        }
    }

    private sealed class Recorded(IStreamPublication inner) : IStreamPublication
    {
        private readonly List<MediaSegment> _segments = [];

        public StreamDescriptor Descriptor => inner.Descriptor;

        public bool Ended { get; private set; }

        public IReadOnlyList<MediaSegment> Snapshot()
        {
            lock (_segments)
            {
                return [.. _segments];
            }
        }

        public async ValueTask DisposeAsync()
        {
            await inner.DisposeAsync();
            Ended = true;
        }

        public async ValueTask WriteAsync(MediaSegment segment, CancellationToken cancellationToken)
        {
            lock (_segments)
            {
                _segments.Add(segment);
            }

            await inner.WriteAsync(segment, cancellationToken);
        }

        public void Update(StreamDescriptor descriptor) => inner.Update(descriptor);
    }
}
