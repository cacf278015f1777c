using System.Collections.Concurrent;
using Livepeer.Abstractions.Media;

namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>
/// An in-process <see cref="IMediaStreamHub"/> for tests. Each subscriber has a bounded buffer; when a
/// subscriber falls more than <see cref="SubscriberBuffer"/> segments behind, its oldest unread segments
/// are dropped, so a slow subscriber never blocks the publisher.
/// </summary>
public sealed class InMemoryMediaStreamHub : IMediaStreamHub
{
    private readonly ConcurrentDictionary<string, InMemoryStreamPublication> _streams = new(StringComparer.Ordinal);

    /// <summary>Creates a hub whose subscribers each buffer up to <paramref name="subscriberBuffer"/> segments.</summary>
    public InMemoryMediaStreamHub(int subscriberBuffer = 64)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(subscriberBuffer);
        SubscriberBuffer = subscriberBuffer;
    }

    /// <summary>Segments a subscriber may fall behind before its oldest unread ones are dropped.</summary>
    public int SubscriberBuffer { get; }

    /// <inheritdoc />
    public IReadOnlyList<StreamDescriptor> ActiveStreams => [.. _streams.Values.Select(p => p.Descriptor)];

    /// <inheritdoc />
    public ValueTask<IStreamPublication> PublishAsync(StreamDescriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        cancellationToken.ThrowIfCancellationRequested();
        var publication = new InMemoryStreamPublication(this, descriptor);
        if (!_streams.TryAdd(descriptor.StreamId, publication))
        {
            throw new StreamConflictException($"Stream '{descriptor.StreamId}' is already being published.");
        }

        return ValueTask.FromResult<IStreamPublication>(publication);
    }

    /// <inheritdoc />
    public IStreamSubscription? Subscribe(string streamId, string rendition = StreamDescriptor.SourceRendition)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(rendition);
        return _streams.TryGetValue(streamId, out var publication) ? publication.Subscribe(rendition) : null;
    }

    internal void Remove(InMemoryStreamPublication publication) =>
        _streams.TryRemove(new KeyValuePair<string, InMemoryStreamPublication>(publication.StreamId, publication));
}
