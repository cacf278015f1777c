namespace Livepeer.Abstractions.Media;

/// <summary>
/// Told when streams start and end in the <see cref="IMediaStreamHub"/>, so an egress that serves every
/// stream (HLS, recording) can subscribe from the first segment. Register any number as singletons;
/// they are called in registration order and must not block.
/// </summary>
public interface IStreamObserver
{
    /// <summary>A stream started publishing; subscribe now to get its first segment.</summary>
    void OnStreamStarted(StreamDescriptor descriptor, IMediaStreamHub hub);

    /// <summary>A stream stopped publishing (its subscriptions end once they are drained).</summary>
    void OnStreamEnded(StreamDescriptor descriptor);
}
