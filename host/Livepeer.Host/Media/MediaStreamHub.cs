using System.Collections.Concurrent;
using Livepeer.Abstractions.Media;

namespace Livepeer.Host.Media;

/// <summary>
/// The node's stream model: one publication per stream id, fanned out to subscriptions per rendition.
/// A publisher never waits for a subscriber: each subscription buffers a bounded number of segments and
/// drops its oldest when a reader falls behind (a live viewer wants the newest media).
/// </summary>
internal sealed partial class MediaStreamHub(IEnumerable<IStreamObserver> observers, ILogger<MediaStreamHub> logger) : IMediaStreamHub
{
    /// <summary>Segments a subscription may hold before its oldest is dropped.</summary>
    public const int SubscriptionBuffer = 32;

    private readonly ConcurrentDictionary<string, StreamPublication> _streams = new(StringComparer.Ordinal);
    private readonly IStreamObserver[] _observers = [.. observers];

    public IReadOnlyList<StreamDescriptor> ActiveStreams => [.. _streams.Values.Select(s => s.Descriptor)];

    public ValueTask<IStreamPublication> PublishAsync(StreamDescriptor descriptor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentException.ThrowIfNullOrWhiteSpace(descriptor.StreamId, nameof(descriptor));
        cancellationToken.ThrowIfCancellationRequested();
        var publication = new StreamPublication(this, descriptor);
        if (!_streams.TryAdd(descriptor.StreamId, publication))
        {
            throw new StreamConflictException($"Stream '{descriptor.StreamId}' is already being published.");
        }

        LogStarted(logger, descriptor.StreamId, descriptor.Protocol);
        foreach (var observer in _observers)
        {
            Notify(observer, o => o.OnStreamStarted(descriptor, this), descriptor.StreamId);
        }

        return ValueTask.FromResult<IStreamPublication>(publication);
    }

    public IStreamSubscription? Subscribe(string streamId, string rendition = StreamDescriptor.SourceRendition)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(rendition);
        return _streams.TryGetValue(streamId, out var publication) ? publication.Subscribe(rendition) : null;
    }

    internal void Remove(StreamPublication publication)
    {
        if (_streams.TryRemove(new KeyValuePair<string, StreamPublication>(publication.Descriptor.StreamId, publication)))
        {
            LogEnded(logger, publication.Descriptor.StreamId, publication.SegmentsWritten);
            foreach (var observer in _observers)
            {
                Notify(observer, o => o.OnStreamEnded(publication.Descriptor), publication.Descriptor.StreamId);
            }
        }
    }

    internal void ReportDropped(string streamId, string rendition) => LogDropped(logger, streamId, rendition);

    private void Notify(IStreamObserver observer, Action<IStreamObserver> call, string streamId)
    {
        try
        {
            call(observer);
        }
        catch (Exception e)
        {
            // One broken observer must not stop a stream or the other observers.
            LogObserverFailed(logger, observer.GetType().Name, streamId, e);
        }
    }

    [LoggerMessage(EventId = 1400, Level = LogLevel.Information, Message = "Stream {StreamId} started ({Protocol})")]
    private static partial void LogStarted(ILogger logger, string streamId, string protocol);

    [LoggerMessage(EventId = 1401, Level = LogLevel.Information, Message = "Stream {StreamId} ended after {Segments} segments")]
    private static partial void LogEnded(ILogger logger, string streamId, long segments);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Debug, Message = "Stream {StreamId} ({Rendition}): a slow subscriber dropped its oldest segment")]
    private static partial void LogDropped(ILogger logger, string streamId, string rendition);

    [LoggerMessage(EventId = 1403, Level = LogLevel.Warning, Message = "Stream observer {Observer} failed for stream {StreamId}")]
    private static partial void LogObserverFailed(ILogger logger, string observer, string streamId, Exception exception);
}
