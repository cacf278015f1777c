using System.Collections.Concurrent;
using Livepeer.Abstractions.Media;

namespace Livepeer.Abstractions.Conformance;

/// <summary>
/// Wraps a hub and, the moment a stream is published, subscribes to its source rendition through the real
/// hub path, so that no segment is missed and the end of the subscription shows the end of the publication.
/// </summary>
internal sealed class RecordingMediaStreamHub(IMediaStreamHub inner) : IMediaStreamHub
{
    private readonly ConcurrentDictionary<string, RecordedStream> _streams = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<RecordedStream> _order = new();

    public IReadOnlyList<StreamDescriptor> ActiveStreams => inner.ActiveStreams;

    /// <summary>Every stream published so far, in the order publishing started.</summary>
    public IReadOnlyList<RecordedStream> Published => [.. _order];

    public async ValueTask<IStreamPublication> PublishAsync(StreamDescriptor descriptor, CancellationToken cancellationToken)
    {
        var publication = await inner.PublishAsync(descriptor, cancellationToken).ConfigureAwait(false);
        var subscription = inner.Subscribe(descriptor.StreamId)
            ?? throw new InvalidOperationException($"The hub lost stream '{descriptor.StreamId}' right after it was published.");
        var recorded = new RecordedStream(descriptor, subscription);
        _streams[descriptor.StreamId] = recorded;
        _order.Enqueue(recorded);
        return publication;
    }

    public IStreamSubscription? Subscribe(string streamId, string rendition = StreamDescriptor.SourceRendition) =>
        inner.Subscribe(streamId, rendition);

    /// <summary>Waits until a stream with <paramref name="streamId"/> has been published.</summary>
    public async Task<RecordedStream> WaitForStreamAsync(string streamId, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (_streams.TryGetValue(streamId, out var stream))
            {
                return stream;
            }

            await Task.Delay(10, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>A stream seen by <see cref="RecordingMediaStreamHub"/>: its descriptor and, once it ends, every segment.</summary>
internal sealed class RecordedStream
{
    public RecordedStream(StreamDescriptor descriptor, IStreamSubscription subscription)
    {
        Descriptor = descriptor;
        Segments = DrainAsync(subscription);
    }

    public StreamDescriptor Descriptor { get; }

    /// <summary>Completes with every segment when the publication completes.</summary>
    public Task<IReadOnlyList<MediaSegment>> Segments { get; }

    private static async Task<IReadOnlyList<MediaSegment>> DrainAsync(IStreamSubscription subscription)
    {
        await using (subscription.ConfigureAwait(false))
        {
            var segments = new List<MediaSegment>();
            await foreach (var segment in subscription.ReadAllAsync(CancellationToken.None).ConfigureAwait(false))
            {
                segments.Add(segment);
            }

            return segments;
        }
    }
}
