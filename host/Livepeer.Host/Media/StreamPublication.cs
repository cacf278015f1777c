using Livepeer.Abstractions.Media;

namespace Livepeer.Host.Media;

/// <summary>One stream being published: its descriptor and its subscriptions, per rendition.</summary>
internal sealed class StreamPublication(MediaStreamHub hub, StreamDescriptor descriptor) : IStreamPublication
{
    private readonly Lock _lock = new();
    private readonly List<StreamSubscription> _subscriptions = [];
    private StreamDescriptor _descriptor = descriptor;
    private bool _completed;

    public StreamDescriptor Descriptor => Volatile.Read(ref _descriptor);

    public long SegmentsWritten { get; private set; }

    public ValueTask WriteAsync(MediaSegment segment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(segment);
        cancellationToken.ThrowIfCancellationRequested();
        if (!string.Equals(segment.StreamId, Descriptor.StreamId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Segment of stream '{segment.StreamId}' written to stream '{Descriptor.StreamId}'.", nameof(segment));
        }

        StreamSubscription[] targets;
        lock (_lock)
        {
            if (_completed)
            {
                throw new ObjectDisposedException(nameof(IStreamPublication), $"Stream '{Descriptor.StreamId}' has ended.");
            }

            SegmentsWritten++;
            targets = [.. _subscriptions.Where(s => s.Rendition == segment.Rendition)];
        }

        foreach (var subscription in targets)
        {
            if (subscription.Offer(segment))
            {
                hub.ReportDropped(segment.StreamId, segment.Rendition);
            }
        }

        return ValueTask.CompletedTask;
    }

    public void Update(StreamDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (!string.Equals(descriptor.StreamId, Descriptor.StreamId, StringComparison.Ordinal))
        {
            throw new ArgumentException("A stream's id cannot change.", nameof(descriptor));
        }

        Volatile.Write(ref _descriptor, descriptor);
    }

    public IStreamSubscription? Subscribe(string rendition)
    {
        lock (_lock)
        {
            if (_completed)
            {
                return null;
            }

            var subscription = new StreamSubscription(this, Descriptor, rendition, MediaStreamHub.SubscriptionBuffer);
            _subscriptions.Add(subscription);
            return subscription;
        }
    }

    internal void Unsubscribe(StreamSubscription subscription)
    {
        lock (_lock)
        {
            _subscriptions.Remove(subscription);
        }
    }

    public ValueTask DisposeAsync()
    {
        StreamSubscription[] subscriptions;
        lock (_lock)
        {
            if (_completed)
            {
                return ValueTask.CompletedTask;
            }

            _completed = true;
            subscriptions = [.. _subscriptions];
            _subscriptions.Clear();
        }

        foreach (var subscription in subscriptions)
        {
            subscription.Complete();
        }

        hub.Remove(this);
        return ValueTask.CompletedTask;
    }
}
