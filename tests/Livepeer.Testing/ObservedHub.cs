using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;

namespace Livepeer.Testing;

/// <summary>The kit's in-memory hub plus what the host's hub adds: <see cref="IStreamObserver"/> notifications (shared by the plugin tests).</summary>
public sealed class ObservedHub : IMediaStreamHub
{
    private readonly InMemoryMediaStreamHub _inner = new(subscriberBuffer: 256);
    private readonly List<IStreamObserver> _observers = [];

    public IReadOnlyList<StreamDescriptor> ActiveStreams => _inner.ActiveStreams;

    public void Observe(IEnumerable<IStreamObserver> observers) => _observers.AddRange(observers);

    public async ValueTask<IStreamPublication> PublishAsync(StreamDescriptor descriptor, CancellationToken cancellationToken)
    {
        var publication = await _inner.PublishAsync(descriptor, cancellationToken);
        foreach (var observer in _observers)
        {
            observer.OnStreamStarted(descriptor, this);
        }

        return new Publication(publication, this);
    }

    public IStreamSubscription? Subscribe(string streamId, string rendition = StreamDescriptor.SourceRendition) => _inner.Subscribe(streamId, rendition);

    private sealed class Publication(IStreamPublication inner, ObservedHub hub) : IStreamPublication
    {
        private int _disposed;

        public StreamDescriptor Descriptor => inner.Descriptor;

        public ValueTask WriteAsync(MediaSegment segment, CancellationToken cancellationToken) => inner.WriteAsync(segment, cancellationToken);

        public void Update(StreamDescriptor descriptor) => inner.Update(descriptor);

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await inner.DisposeAsync();
                foreach (var observer in hub._observers)
                {
                    observer.OnStreamEnded(inner.Descriptor);
                }
            }
        }
    }
}
