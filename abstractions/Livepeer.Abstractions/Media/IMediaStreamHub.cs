namespace Livepeer.Abstractions.Media;

/// <summary>
/// The node's stream model: ingests publish segments into it, egresses and pipelines read them out.
/// This is how an egress reads what an ingest published without either knowing the other.
/// </summary>
public interface IMediaStreamHub
{
    /// <summary>The streams being published now.</summary>
    IReadOnlyList<StreamDescriptor> ActiveStreams { get; }

    /// <summary>Starts publishing a stream.</summary>
    /// <exception cref="StreamConflictException">A stream with the same id is already being published.</exception>
    ValueTask<IStreamPublication> PublishAsync(StreamDescriptor descriptor, CancellationToken cancellationToken);

    /// <summary>
    /// Subscribes to a rendition of a stream from its next segment on; <c>null</c> when no such stream is
    /// being published. The subscription ends when the publication completes.
    /// </summary>
    IStreamSubscription? Subscribe(string streamId, string rendition = StreamDescriptor.SourceRendition);
}

/// <summary>A stream being published into the hub. Disposing it completes the stream.</summary>
public interface IStreamPublication : IAsyncDisposable
{
    /// <summary>The stream.</summary>
    StreamDescriptor Descriptor { get; }

    /// <summary>Hands a segment to every subscriber of its rendition; a slow subscriber never blocks the publisher.</summary>
    ValueTask WriteAsync(MediaSegment segment, CancellationToken cancellationToken);

    /// <summary>Updates the descriptor (for example when tracks become known).</summary>
    void Update(StreamDescriptor descriptor);
}

/// <summary>A subscription to one rendition of a stream. Disposing it unsubscribes.</summary>
public interface IStreamSubscription : IAsyncDisposable
{
    /// <summary>The stream as it was when the subscription started.</summary>
    StreamDescriptor Descriptor { get; }

    /// <summary>The segments in order, ending when the stream ends or the subscription is disposed.</summary>
    IAsyncEnumerable<MediaSegment> ReadAllAsync(CancellationToken cancellationToken);
}
