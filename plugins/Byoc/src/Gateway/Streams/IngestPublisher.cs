using System.Threading.Channels;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Media;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// One attempt's video in: each ingest segment becomes one segment of the orchestrator's <c>{id}</c> channel (go-livepeer
/// <c>startTricklePublish</c>). Segments are begun in order and uploaded concurrently; when
/// <see cref="GatewayOptions.MaxInFlightSegments"/> are still uploading as the next one arrives, the orchestrator is
/// "slow" (upstream <c>maxInflightSegments</c>) and the attempt fails. A channel that is gone or keeps failing fails it too.
/// </summary>
internal sealed class IngestPublisher : IIngestSink, IAsyncDisposable
{
    private readonly ISegmentPublisher _publisher;
    private readonly int _maxInFlight;
    private readonly Action<string> _fail;
    private readonly StreamCounters _counters;
    private readonly ILogger _logger;
    private readonly string _streamId;
    private readonly Channel<MediaSegment> _queue;
    private readonly List<Task> _uploads = [];
    private int _inFlight;

    public IngestPublisher(ISegmentPublisher publisher, int maxInFlight, Action<string> fail, StreamCounters counters, ILogger logger, string streamId)
    {
        _publisher = publisher;
        _maxInFlight = maxInFlight;
        _fail = fail;
        _counters = counters;
        _logger = logger;
        _streamId = streamId;
        _queue = Channel.CreateBounded<MediaSegment>(new BoundedChannelOptions(maxInFlight + 1) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        counters.Open(StreamResource.ChannelPublishers);
    }

    /// <summary>Segments uploading now.</summary>
    public int InFlight => Volatile.Read(ref _inFlight);

    /// <summary>Segments handed to the orchestrator.</summary>
    public long Sent { get; private set; }

    public void Send(MediaSegment segment) => _queue.Writer.TryWrite(segment);

    /// <summary>Publishes until cancelled or until the channel fails (then the attempt is failed).</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var segment in _queue.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
            {
                var inFlight = InFlight;
                if (inFlight >= _maxInFlight)
                {
                    _fail($"the orchestrator is slow: {inFlight} input segments still uploading");
                    return;
                }

                ISegmentWriter writer;
                try
                {
                    writer = await _publisher.BeginSegmentAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (SegmentChannelException e)
                {
                    _fail("the video-in channel failed: " + e.Message);
                    return;
                }

                Interlocked.Increment(ref _inFlight);
                Sent++;
                lock (_uploads)
                {
                    _uploads.RemoveAll(t => t.IsCompleted);
                    _uploads.Add(UploadAsync(writer, segment, cancellationToken));
                }
            }
        }
        finally
        {
            Task[] uploads;
            lock (_uploads)
            {
                uploads = [.. _uploads];
            }

            await Task.WhenAll(uploads).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _publisher.DisposeAsync().ConfigureAwait(false);
        _counters.Close(StreamResource.ChannelPublishers);
    }

    private async Task UploadAsync(ISegmentWriter writer, MediaSegment segment, CancellationToken cancellationToken)
    {
        try
        {
            await writer.WriteAsync(segment.Data, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is SegmentChannelException or OperationCanceledException or IOException)
        {
            // The publisher counts failures and ends after repeated ones; the next BeginSegmentAsync then fails the attempt.
            GatewayLog.SegmentFailed(_logger, _streamId, "video in", e.Message);
        }
        finally
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            Interlocked.Decrement(ref _inFlight);
        }
    }
}
