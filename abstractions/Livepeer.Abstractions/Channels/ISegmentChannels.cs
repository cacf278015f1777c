namespace Livepeer.Abstractions.Channels;

/// <summary>
/// Named channels of numbered segments (trickle): video in and out, control, events and data for live
/// and BYOC streams. Segments are relayed to subscribers while they are still being written. A channel
/// holds at least its last 3 segments (trickle holds 5); older ones are dropped.
/// </summary>
public interface ISegmentChannels : INamedExtension
{
    /// <summary>Creates a channel, or returns the existing one of that name (keeping its MIME type).</summary>
    /// <exception cref="SegmentChannelException">The channel limit is reached or the name is invalid.</exception>
    ValueTask<SegmentChannelInfo> CreateChannelAsync(string name, string mimeType, CancellationToken cancellationToken);

    /// <summary>Closes and removes a channel; its subscribers reach the end. False when there was none.</summary>
    ValueTask<bool> DeleteChannelAsync(string name, CancellationToken cancellationToken);

    /// <summary>The channel of that name, or <c>null</c>.</summary>
    SegmentChannelInfo? GetChannel(string name);

    /// <summary>A publisher that writes the channel's segments from its next sequence number on.</summary>
    /// <exception cref="SegmentChannelNotFoundException">No such channel.</exception>
    ISegmentPublisher OpenPublisher(string name);

    /// <summary>
    /// A subscriber that reads from <paramref name="startSequence"/>: a sequence number, or
    /// <see cref="SegmentChannelInfo.NextSegment"/> (-1, the next segment written) or
    /// <see cref="SegmentChannelInfo.CurrentSegment"/> (-2, the latest one).
    /// </summary>
    /// <exception cref="SegmentChannelNotFoundException">No such channel.</exception>
    ISegmentSubscriber OpenSubscriber(string name, long startSequence = SegmentChannelInfo.NextSegment);
}

/// <summary>A channel.</summary>
/// <param name="Name">The channel name (one URL path segment).</param>
/// <param name="MimeType">The MIME type of its segments.</param>
public sealed record SegmentChannelInfo(string Name, string MimeType)
{
    /// <summary>Start sequence meaning "the next segment to be written".</summary>
    public const long NextSegment = -1;

    /// <summary>Start sequence meaning "the latest segment".</summary>
    public const long CurrentSegment = -2;

    /// <summary>The URL other processes use for this channel (e.g. a trickle URL); <c>null</c> when in-process only.</summary>
    public Uri? Url { get; init; }
}

/// <summary>Writes a channel's segments in order. Disposing it ends publishing (the channel stays).</summary>
public interface ISegmentPublisher : IAsyncDisposable
{
    /// <summary>The channel.</summary>
    string ChannelName { get; }

    /// <summary>Starts the next segment. Its bytes reach subscribers as they are written.</summary>
    /// <exception cref="SegmentChannelNotFoundException">The channel was deleted.</exception>
    ValueTask<ISegmentWriter> BeginSegmentAsync(CancellationToken cancellationToken);
}

/// <summary>One segment being written. Disposing it completes the segment.</summary>
public interface ISegmentWriter : IAsyncDisposable
{
    /// <summary>The segment's sequence number.</summary>
    long Sequence { get; }

    /// <summary>Appends bytes to the segment.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken);
}

/// <summary>Reads a channel's segments in order. Disposing it stops reading.</summary>
public interface ISegmentSubscriber : IAsyncDisposable
{
    /// <summary>The channel.</summary>
    string ChannelName { get; }

    /// <summary>
    /// The next segment, as soon as it starts (its content streams in as it is written); <c>null</c>
    /// when the channel is closed or deleted. A subscriber that fell behind the channel's buffer skips
    /// to the oldest segment still held.
    /// </summary>
    ValueTask<IChannelSegment?> NextSegmentAsync(CancellationToken cancellationToken);
}

/// <summary>One segment being read. Disposing it releases the segment.</summary>
public interface IChannelSegment : IAsyncDisposable
{
    /// <summary>The segment's sequence number.</summary>
    long Sequence { get; }

    /// <summary>The content, readable while it is still being written; ends with the segment.</summary>
    Stream Content { get; }
}
