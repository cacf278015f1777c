namespace Livepeer.Abstractions.Channels;

/// <summary>
/// Publishes to and subscribes from channels by URL (a trickle channel URL handed out by this or another
/// node): a gateway writing a stream's control channel and reading its events, an orchestrator relaying
/// video. When the URL names a channel of this node's own server the implementation may skip HTTP.
/// </summary>
public interface ISegmentChannelClients : INamedExtension
{
    /// <summary>
    /// A publisher of the channel at <paramref name="channelUrl"/> whose segments carry
    /// <paramref name="mimeType"/>. Nothing is sent until the first segment begins; a missing channel
    /// surfaces then as <see cref="SegmentChannelNotFoundException"/>.
    /// </summary>
    ISegmentPublisher OpenPublisher(Uri channelUrl, string mimeType);

    /// <summary>
    /// A subscriber of the channel at <paramref name="channelUrl"/> from <paramref name="startSequence"/> (a
    /// sequence number, <see cref="SegmentChannelInfo.NextSegment"/> or <see cref="SegmentChannelInfo.CurrentSegment"/>).
    /// A missing or deleted channel ends it (<see cref="ISegmentSubscriber.NextSegmentAsync"/> returns <c>null</c>).
    /// </summary>
    ISegmentSubscriber OpenSubscriber(Uri channelUrl, long startSequence = SegmentChannelInfo.NextSegment);

    /// <summary>Deletes the channel at <paramref name="channelUrl"/> (upstream publisher <c>Close</c>); false when there was none.</summary>
    ValueTask<bool> DeleteChannelAsync(Uri channelUrl, CancellationToken cancellationToken);
}
