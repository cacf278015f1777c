using Livepeer.Abstractions.Media;
using Livepeer.Host.Media;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Host.Tests.Media;

public sealed class MediaStreamHubTests
{
    private sealed class RecordingObserver : IStreamObserver
    {
        public List<string> Events { get; } = [];

        public IStreamSubscription? Subscription { get; private set; }

        public void OnStreamStarted(StreamDescriptor descriptor, IMediaStreamHub hub)
        {
            Events.Add("started " + descriptor.StreamId);
            Subscription = hub.Subscribe(descriptor.StreamId);
        }

        public void OnStreamEnded(StreamDescriptor descriptor) => Events.Add("ended " + descriptor.StreamId);
    }

    private sealed class ThrowingObserver : IStreamObserver
    {
        public void OnStreamStarted(StreamDescriptor descriptor, IMediaStreamHub hub) => throw new InvalidOperationException("boom");

        public void OnStreamEnded(StreamDescriptor descriptor) => throw new InvalidOperationException("boom");
    }

    private static MediaSegment Segment(string stream, long seq, string rendition = StreamDescriptor.SourceRendition) =>
        new(stream, seq, TimeSpan.FromSeconds(2), new byte[] { (byte)seq }) { Rendition = rendition };

    private static async Task<List<long>> ReadAllAsync(IStreamSubscription subscription)
    {
        var result = new List<long>();
        await foreach (var segment in subscription.ReadAllAsync(CancellationToken.None).WithCancellation(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token))
        {
            result.Add(segment.Sequence);
        }

        return result;
    }

    [Fact]
    public async Task Subscribers_get_their_rendition_in_order_and_end_with_the_stream()
    {
        var hub = new MediaStreamHub([], NullLogger<MediaStreamHub>.Instance);
        var publication = await hub.PublishAsync(new StreamDescriptor("s1", "test"), CancellationToken.None);
        var source = hub.Subscribe("s1")!;
        var low = hub.Subscribe("s1", "P240p30fps16x9")!;
        for (var i = 0; i < 5; i++)
        {
            await publication.WriteAsync(Segment("s1", i), CancellationToken.None);
            await publication.WriteAsync(Segment("s1", i, "P240p30fps16x9"), CancellationToken.None);
        }

        Assert.Equal(["s1"], hub.ActiveStreams.Select(s => s.StreamId));
        await publication.DisposeAsync();
        Assert.Equal([0, 1, 2, 3, 4], await ReadAllAsync(source));
        Assert.Equal([0, 1, 2, 3, 4], await ReadAllAsync(low));
        Assert.Empty(hub.ActiveStreams);
        Assert.Null(hub.Subscribe("s1"));
    }

    [Fact]
    public async Task A_slow_subscriber_loses_its_oldest_segments_never_blocks_the_publisher()
    {
        var hub = new MediaStreamHub([], NullLogger<MediaStreamHub>.Instance);
        var publication = await hub.PublishAsync(new StreamDescriptor("s", "test"), CancellationToken.None);
        var slow = hub.Subscribe("s")!;
        var total = MediaStreamHub.SubscriptionBuffer + 10;
        for (var i = 0; i < total; i++)
        {
            await publication.WriteAsync(Segment("s", i), CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(1));
        }

        await publication.DisposeAsync();
        var received = await ReadAllAsync(slow);
        Assert.Equal(MediaStreamHub.SubscriptionBuffer, received.Count);
        Assert.Equal(total - 1, received[^1]);
        Assert.Equal(10, received[0]);
    }

    [Fact]
    public async Task A_stream_id_is_published_once_at_a_time()
    {
        var hub = new MediaStreamHub([], NullLogger<MediaStreamHub>.Instance);
        var first = await hub.PublishAsync(new StreamDescriptor("dup", "a"), CancellationToken.None);
        await Assert.ThrowsAsync<StreamConflictException>(async () => await hub.PublishAsync(new StreamDescriptor("dup", "b"), CancellationToken.None));
        await first.DisposeAsync();
        await using var second = await hub.PublishAsync(new StreamDescriptor("dup", "b"), CancellationToken.None);
        Assert.Equal("b", hub.ActiveStreams.Single().Protocol);
    }

    [Fact]
    public async Task Observers_see_start_and_end_and_a_failing_one_harms_nobody()
    {
        var recording = new RecordingObserver();
        var hub = new MediaStreamHub([new ThrowingObserver(), recording], NullLogger<MediaStreamHub>.Instance);
        var publication = await hub.PublishAsync(new StreamDescriptor("o", "test"), CancellationToken.None);
        await publication.WriteAsync(Segment("o", 0), CancellationToken.None);
        await publication.DisposeAsync();
        Assert.Equal(["started o", "ended o"], recording.Events);
        Assert.Equal([0], await ReadAllAsync(recording.Subscription!));
    }

    [Fact]
    public async Task Bad_writes_and_updates_are_refused()
    {
        var hub = new MediaStreamHub([], NullLogger<MediaStreamHub>.Instance);
        var publication = await hub.PublishAsync(new StreamDescriptor("x", "test"), CancellationToken.None);
        await Assert.ThrowsAsync<ArgumentException>(async () => await publication.WriteAsync(Segment("other", 0), CancellationToken.None));
        Assert.Throws<ArgumentException>(() => publication.Update(new StreamDescriptor("y", "test")));
        publication.Update(new StreamDescriptor("x", "test") { StreamKey = "key" });
        Assert.Equal("key", hub.ActiveStreams.Single().StreamKey);
        await publication.DisposeAsync();
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await publication.WriteAsync(Segment("x", 1), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(async () => await hub.PublishAsync(new StreamDescriptor(" ", "test"), CancellationToken.None));
    }

    [Fact]
    public async Task Unsubscribing_stops_delivery_to_that_subscriber_only()
    {
        var hub = new MediaStreamHub([], NullLogger<MediaStreamHub>.Instance);
        var publication = await hub.PublishAsync(new StreamDescriptor("u", "test"), CancellationToken.None);
        var stays = hub.Subscribe("u")!;
        var leaves = hub.Subscribe("u")!;
        await publication.WriteAsync(Segment("u", 0), CancellationToken.None);
        await leaves.DisposeAsync();
        await publication.WriteAsync(Segment("u", 1), CancellationToken.None);
        await publication.DisposeAsync();
        Assert.Equal([0, 1], await ReadAllAsync(stays));
        Assert.Equal([0], await ReadAllAsync(leaves));
    }
}
