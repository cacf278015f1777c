using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;
using Xunit;

namespace Livepeer.Conformance.Tests.Fakes;

public sealed class InMemoryMediaStreamHubTests
{
    private static MediaSegment Segment(string stream, long sequence, string rendition = StreamDescriptor.SourceRendition) =>
        new(stream, sequence, TimeSpan.FromSeconds(2), new byte[] { (byte)sequence }) { Rendition = rendition };

    [Fact]
    public async Task DuplicateStreamIdConflicts()
    {
        var hub = new InMemoryMediaStreamHub();
        await using var first = await hub.PublishAsync(new StreamDescriptor("s", "test"), CancellationToken.None);

        await Assert.ThrowsAsync<StreamConflictException>(async () => await hub.PublishAsync(new StreamDescriptor("s", "test"), CancellationToken.None));
    }

    [Fact]
    public async Task SlowSubscriberLosesOldestSegmentsWithoutBlockingThePublisher()
    {
        var hub = new InMemoryMediaStreamHub(subscriberBuffer: 2);
        var publication = await hub.PublishAsync(new StreamDescriptor("s", "test"), CancellationToken.None);
        await using var subscription = hub.Subscribe("s")!;

        for (var i = 0; i < 5; i++)
        {
            await publication.WriteAsync(Segment("s", i), CancellationToken.None);
        }

        await publication.DisposeAsync();
        var received = await subscription.ReadAllAsync(CancellationToken.None).Select(s => s.Sequence).ToListAsync();
        Assert.Equal([3L, 4], received);
        Assert.Empty(hub.ActiveStreams);
        Assert.Null(hub.Subscribe("s"));
    }

    [Fact]
    public async Task SubscribersGetOnlyTheirRendition()
    {
        var hub = new InMemoryMediaStreamHub();
        var publication = await hub.PublishAsync(new StreamDescriptor("s", "test"), CancellationToken.None);
        await using var low = hub.Subscribe("s", "P144p30fps16x9")!;

        await publication.WriteAsync(Segment("s", 0), CancellationToken.None);
        await publication.WriteAsync(Segment("s", 0, "P144p30fps16x9"), CancellationToken.None);
        await publication.DisposeAsync();

        var received = await low.ReadAllAsync(CancellationToken.None).ToListAsync();
        Assert.Equal("P144p30fps16x9", Assert.Single(received).Rendition);
    }

    [Fact]
    public async Task SegmentOfAnotherStreamIsRefused()
    {
        var hub = new InMemoryMediaStreamHub();
        await using var publication = await hub.PublishAsync(new StreamDescriptor("s", "test"), CancellationToken.None);

        await Assert.ThrowsAsync<ArgumentException>(async () => await publication.WriteAsync(Segment("other", 0), CancellationToken.None));
    }
}
