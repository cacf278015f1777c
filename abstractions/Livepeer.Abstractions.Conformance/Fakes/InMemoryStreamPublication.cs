using System.Threading.Channels;
using Livepeer.Abstractions.Media;

namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>A stream being published into an <see cref="InMemoryMediaStreamHub"/>.</summary>
internal sealed class InMemoryStreamPublication : IStreamPublication
{
    private readonly InMemoryMediaStreamHub _hub;
    private readonly Lock _lock = new();
    private readonly List<InMemoryStreamSubscription> _subscribers = [];
    private StreamDescriptor _descriptor;
    private bool _completed;

    public InMemoryStreamPublication(InMemoryMediaStreamHub hub, StreamDescriptor descriptor)
    {
        _hub = hub;
        _descriptor = descriptor;
        StreamId = descriptor.StreamId;
    }

    public string StreamId { get; }

    public StreamDescriptor Descriptor
    {
        get
        {
            lock (_lock)
            {
                return _descriptor;
            }
        }
    }

    public ValueTask WriteAsync(MediaSegment segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        cancellationToken.ThrowIfCancellationRequested();

        // A faithful fake catches an ingest that mixes streams up.
        if (!string.Equals(segment.StreamId, StreamId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Segment of stream '{segment.StreamId}' written to stream '{StreamId}'.", nameof(segment));
        }

        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_completed, this);
            foreach (var subscriber in _subscribers)
            {
                subscriber.Offer(segment);
            }
        }

        return ValueTask.CompletedTask;
    }

    public void Update(StreamDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!string.Equals(descriptor.StreamId, StreamId, StringComparison.Ordinal))
        {
            throw new ArgumentException("A publication's stream id cannot change.", nameof(descriptor));
        }

        lock (_lock)
        {
            _descriptor = descriptor;
        }
    }

    public IStreamSubscription? Subscribe(string rendition)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return null;
            }

            var channel = Channel.CreateBounded<MediaSegment>(new BoundedChannelOptions(_hub.SubscriberBuffer)
            {
                FullMode = BoundedChannelFullMode.DropOldest,
                SingleReader = true,
                SingleWriter = true,
            });
            var subscription = new InMemoryStreamSubscription(this, _descriptor, rendition, channel);
            _subscribers.Add(subscription);
            return subscription;
        }
    }

    public void Unsubscribe(InMemoryStreamSubscription subscription)
    {
        lock (_lock)
        {
            _subscribers.Remove(subscription);
        }

        subscription.Complete();
    }

    public ValueTask DisposeAsync()
    {
        InMemoryStreamSubscription[] subscribers;
        lock (_lock)
        {
            if (_completed)
            {
                return ValueTask.CompletedTask;
            }

            _completed = true;
            subscribers = [.. _subscribers];
            _subscribers.Clear();
        }

        _hub.Remove(this);
        foreach (var subscriber in subscribers)
        {
            subscriber.Complete();
        }

        return ValueTask.CompletedTask;
    }
}
