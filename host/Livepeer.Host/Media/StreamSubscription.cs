using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Livepeer.Abstractions.Media;

namespace Livepeer.Host.Media;

/// <summary>One reader of one rendition, with a bounded buffer that drops its oldest segment when full.</summary>
internal sealed class StreamSubscription : IStreamSubscription
{
    private readonly StreamPublication _publication;
    private readonly Channel<MediaSegment> _segments;

    public StreamSubscription(StreamPublication publication, StreamDescriptor descriptor, string rendition, int capacity)
    {
        _publication = publication;
        Descriptor = descriptor;
        Rendition = rendition;
        _segments = Channel.CreateBounded<MediaSegment>(new BoundedChannelOptions(capacity)
        {
            FullMode = BoundedChannelFullMode.DropOldest,
            SingleReader = true,
            SingleWriter = false,
        });
    }

    public StreamDescriptor Descriptor { get; }

    public string Rendition { get; }

    /// <summary>Queues a segment; true when the buffer was full and its oldest segment was dropped.</summary>
    public bool Offer(MediaSegment segment)
    {
        var full = _segments.Reader.Count >= MediaStreamHub.SubscriptionBuffer;
        _segments.Writer.TryWrite(segment);
        return full;
    }

    public void Complete() => _segments.Writer.TryComplete();

    public async IAsyncEnumerable<MediaSegment> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var segment in _segments.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return segment;
        }
    }

    public ValueTask DisposeAsync()
    {
        _publication.Unsubscribe(this);
        _segments.Writer.TryComplete();
        return ValueTask.CompletedTask;
    }
}
