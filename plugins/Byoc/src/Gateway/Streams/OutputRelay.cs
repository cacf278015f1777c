using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Media;
using Livepeer.Media.MpegTs;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// A stream's processed output as the hub stream <c>{stream_id}-out</c>, which the WebRtc plugin's WHEP and the Rtmp
/// plugin's playback serve and <see cref="EgressPushes"/> pushes to <c>rtmp_output</c> targets. The publication starts
/// with the first output segment and lasts as long as the stream: each orchestrator attempt's <c>-out</c> channel is read
/// into the same publication (<see cref="FollowAsync"/>), so viewers keep their connection through a swap. Segment
/// numbers continue across attempts; durations and start times are read from the segments (<see cref="TsTiming"/>).
/// </summary>
internal sealed class OutputRelay(string streamId, IMediaStreamHub? hub, EgressPushes pushes, TimeProvider time, StreamCounters counters, ILogger logger) : IAsyncDisposable
{
    /// <summary>The hub name of a stream's output (upstream's naming, which the WebRtc plugin's WHEP follows).</summary>
    public const string Suffix = "-out";

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IStreamPublication? _publication;
    private long _sequence;
    private long _bytes;
    private long _lastSegmentAt = -1;
    private bool _disposed;

    public string OutputId { get; } = streamId + Suffix;

    public long Segments => Interlocked.Read(ref _sequence);

    public long Bytes => Interlocked.Read(ref _bytes);

    public bool Published => Volatile.Read(ref _publication) is not null;

    /// <summary>The <see cref="TimeProvider"/> timestamp of the last output segment; <c>null</c> before the first.</summary>
    public long? LastSegmentAt => Interlocked.Read(ref _lastSegmentAt) is var at and >= 0 ? at : null;

    /// <summary>Publishes one output segment.</summary>
    /// <exception cref="StreamConflictException">Another publisher holds <c>{id}-out</c> in the hub.</exception>
    public async ValueTask WriteAsync(ReadOnlyMemory<byte> segment, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_disposed)
            {
                return;
            }

            Interlocked.Exchange(ref _lastSegmentAt, time.GetTimestamp());
            if (hub is null)
            {
                return;
            }

            if (_publication is null)
            {
                _publication = await hub.PublishAsync(new StreamDescriptor(OutputId, "byoc"), cancellationToken).ConfigureAwait(false);
                counters.Open(StreamResource.HubPublications);
                pushes.Start(OutputId);
            }

            var timing = TsTiming.Measure(segment.Span);
            var sequence = Interlocked.Increment(ref _sequence) - 1;
            Interlocked.Add(ref _bytes, segment.Length);
            await _publication.WriteAsync(
                new MediaSegment(OutputId, sequence, timing?.Duration ?? TimeSpan.Zero, segment) { StartTime = timing?.StartTime },
                cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Reads an attempt's <c>-out</c> channel into the publication until it ends; returns why it ended.</summary>
    public async Task<string> FollowAsync(ISegmentSubscriber subscriber, int maxSegmentBytes, CancellationToken cancellationToken)
    {
        while (await subscriber.NextSegmentAsync(cancellationToken).ConfigureAwait(false) is { } segment)
        {
            await using (segment.ConfigureAwait(false))
            {
                byte[] bytes;
                try
                {
                    bytes = await segment.ReadAllAsync(maxSegmentBytes, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is InvalidDataException or IOException)
                {
                    GatewayLog.SegmentFailed(logger, streamId, "video out", e.Message); // oversized or cut off: skip it
                    continue;
                }

                if (bytes.Length > 0)
                {
                    await WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return "the orchestrator closed the output channel";
    }

    /// <summary>Ends the publication (viewers see the end) and every push.</summary>
    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            _disposed = true;
            if (_publication is { } publication)
            {
                _publication = null;
                await publication.DisposeAsync().ConfigureAwait(false);
                counters.Close(StreamResource.HubPublications);
            }
        }
        finally
        {
            _gate.Release();
        }

        await pushes.DisposeAsync().ConfigureAwait(false);
    }
}
