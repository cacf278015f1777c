using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Livepeer.Abstractions.Media;

namespace Livepeer.Abstractions.Conformance.Fakes;

/// <summary>A subscription to one rendition of an <see cref="InMemoryStreamPublication"/>.</summary>
internal sealed class InMemoryStreamSubscription : IStreamSubscription
{
    private readonly InMemoryStreamPublication _publication;
    private readonly string _rendition;
    private readonly Channel<MediaSegment> _buffer;

    public InMemoryStreamSubscription(InMemoryStreamPublication publication, StreamDescriptor descriptor, string rendition, Channel<MediaSegment> buffer)
    {
        _publication = publication;
        Descriptor = descriptor;
        _rendition = rendition;
        _buffer = buffer;
    }

    public StreamDescriptor Descriptor { get; }

    public void Offer(MediaSegment segment)
    {
        if (string.Equals(segment.Rendition, _rendition, StringComparison.Ordinal))
        {
            _buffer.Writer.TryWrite(segment);
        }
    }

    public void Complete() => _buffer.Writer.TryComplete();

    public async IAsyncEnumerable<MediaSegment> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var segment in _buffer.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return segment;
        }
    }

    public ValueTask DisposeAsync()
    {
        _publication.Unsubscribe(this);
        return ValueTask.CompletedTask;
    }
}
