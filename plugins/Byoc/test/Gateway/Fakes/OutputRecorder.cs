using System.Collections.Concurrent;
using System.Diagnostics;
using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.Byoc.Tests.Gateway.Fakes;

/// <summary>
/// Watches the gateway's hub as an egress would (an <see cref="IStreamObserver"/>): every <c>{id}-out</c> publication is
/// subscribed from its first segment; segments are kept with their arrival time, publications counted and their ends seen.
/// </summary>
internal sealed class OutputRecorder : IStreamObserver
{
    public sealed record Arrival(MediaSegment Segment, long Timestamp);

    public ConcurrentQueue<Arrival> Segments { get; } = new();

    public ConcurrentQueue<string> Started { get; } = new();

    public ConcurrentQueue<string> Ended { get; } = new();

    public void OnStreamStarted(StreamDescriptor descriptor, IMediaStreamHub hub)
    {
        if (!descriptor.StreamId.EndsWith("-out", StringComparison.Ordinal) || hub.Subscribe(descriptor.StreamId) is not { } subscription)
        {
            return;
        }

        Started.Enqueue(descriptor.StreamId);
        _ = Task.Run(async () =>
        {
            await using (subscription)
            {
                await foreach (var segment in subscription.ReadAllAsync(CancellationToken.None))
                {
                    Segments.Enqueue(new Arrival(segment, Stopwatch.GetTimestamp()));
                }
            }
        });
    }

    public void OnStreamEnded(StreamDescriptor descriptor)
    {
        if (descriptor.StreamId.EndsWith("-out", StringComparison.Ordinal))
        {
            Ended.Enqueue(descriptor.StreamId);
        }
    }
}
