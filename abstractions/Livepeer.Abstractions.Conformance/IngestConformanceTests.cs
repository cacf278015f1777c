using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>
/// What every <see cref="IIngest"/> must do: a stream a client publishes over the real protocol appears in the
/// <see cref="IMediaStreamHub"/> with the ingest's name as its protocol, as segments numbered 0, 1, 2, … that
/// end when the client is done.
/// </summary>
public abstract class IngestConformanceTests : ConformanceTestBase
{
    /// <summary>Creates the ingest under test publishing into <paramref name="hub"/>, and starts it listening.</summary>
    protected abstract ValueTask<IIngest> StartIngestAsync(IMediaStreamHub hub, CancellationToken cancellationToken);

    /// <summary>
    /// Publishes <paramref name="segments"/> as stream <paramref name="streamName"/> over the ingest's real protocol
    /// (as a client would, e.g. to one of its <see cref="IIngest.Endpoints"/>) and returns when the client has finished.
    /// </summary>
    protected abstract ValueTask PublishAsync(IIngest ingest, string streamName, IReadOnlyList<byte[]> segments, CancellationToken cancellationToken);

    /// <summary>Stops the ingest; the default disposes it when it is disposable.</summary>
    protected virtual async ValueTask StopIngestAsync(IIngest ingest)
    {
        switch (ingest)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>The stream id the ingest gives a stream published as <paramref name="streamName"/>; the default is the name itself.</summary>
    protected virtual string ExpectedStreamId(string streamName) => streamName;

    /// <summary>
    /// True when each published payload arrives as exactly one hub segment with the same bytes (a push
    /// protocol). False for protocols that re-cut the media (RTMP, WHIP): then only numbering and non-empty data are checked.
    /// </summary>
    protected virtual bool PreservesSegmentBoundaries => true;

    /// <summary>
    /// The payloads published by the facts; the default is small distinct byte arrays whose first byte is
    /// <paramref name="marker"/>. Override with real media (e.g. MPEG-TS) when the protocol needs it.
    /// </summary>
    protected virtual IReadOnlyList<byte[]> CreateSegments(int count, byte marker) =>
        [.. Enumerable.Range(0, count).Select(i => new byte[] { marker, (byte)i, 0x47, (byte)(i * 3), 0xFF })];

    /// <summary>The ingest has a name, used as the protocol of its streams.</summary>
    [Fact]
    public Task NameIsNotEmpty() => WithIngest((ingest, _) =>
    {
        Assert.False(string.IsNullOrWhiteSpace(ingest.Name));
        return Task.CompletedTask;
    });

    /// <summary>After start, the ingest says where clients publish, as absolute URIs.</summary>
    [Fact]
    public Task EndpointsAreAbsoluteAfterStart() => WithIngest((ingest, _) =>
    {
        Assert.NotEmpty(ingest.Endpoints);
        Assert.All(ingest.Endpoints, uri => Assert.True(uri.IsAbsoluteUri, $"'{uri}' is not absolute."));
        return Task.CompletedTask;
    });

    /// <summary>A published stream appears in the hub, with the ingest's name as protocol, its segments in order.</summary>
    [Fact]
    public Task PublishedStreamAppearsInTheHub() => WithIngest(async (ingest, hub) =>
    {
        const string name = "conformance-stream";
        var payloads = CreateSegments(4, 0xA1);

        await Within(PublishAsync(ingest, name, payloads, CancellationToken.None));

        using var timeout = CreateTimeoutSource();
        var stream = await hub.WaitForStreamAsync(ExpectedStreamId(name), timeout.Token);
        Assert.Equal(ingest.Name, stream.Descriptor.Protocol);
        var segments = await Within(stream.Segments);
        AssertSegments(stream.Descriptor.StreamId, payloads, segments);
    });

    /// <summary>The publication completes (its subscribers reach the end) once the client has finished.</summary>
    [Fact]
    public Task PublicationCompletesAfterPublishing() => WithIngest(async (ingest, hub) =>
    {
        const string name = "conformance-ending";
        await Within(PublishAsync(ingest, name, CreateSegments(2, 0xB2), CancellationToken.None));

        using var timeout = CreateTimeoutSource();
        var stream = await hub.WaitForStreamAsync(ExpectedStreamId(name), timeout.Token);
        await Within(stream.Segments);
        Assert.DoesNotContain(hub.ActiveStreams, d => d.StreamId == stream.Descriptor.StreamId);
    });

    /// <summary>Two streams published at the same time keep their segments apart.</summary>
    [Fact]
    public Task ConcurrentStreamsDoNotMix() => WithIngest(async (ingest, hub) =>
    {
        var first = CreateSegments(5, 0xC1);
        var second = CreateSegments(5, 0xC2);

        await Within(Task.WhenAll(
            Task.Run(async () => await PublishAsync(ingest, "conformance-one", first, CancellationToken.None)),
            Task.Run(async () => await PublishAsync(ingest, "conformance-two", second, CancellationToken.None))));

        using var timeout = CreateTimeoutSource();
        var one = await hub.WaitForStreamAsync(ExpectedStreamId("conformance-one"), timeout.Token);
        var two = await hub.WaitForStreamAsync(ExpectedStreamId("conformance-two"), timeout.Token);
        Assert.NotEqual(one.Descriptor.StreamId, two.Descriptor.StreamId);
        AssertSegments(one.Descriptor.StreamId, first, await Within(one.Segments));
        AssertSegments(two.Descriptor.StreamId, second, await Within(two.Segments));
    });

    private void AssertSegments(string streamId, IReadOnlyList<byte[]> published, IReadOnlyList<MediaSegment> received)
    {
        Assert.NotEmpty(received);
        for (var i = 0; i < received.Count; i++)
        {
            Assert.Equal(streamId, received[i].StreamId);
            Assert.Equal(i, received[i].Sequence);
            Assert.False(received[i].Data.IsEmpty, $"Segment {i} is empty.");
        }

        if (PreservesSegmentBoundaries)
        {
            Assert.Equal(published.Count, received.Count);
            for (var i = 0; i < published.Count; i++)
            {
                Assert.Equal(published[i], received[i].Data.ToArray());
            }
        }
    }

    private async Task WithIngest(Func<IIngest, RecordingMediaStreamHub, Task> test)
    {
        var hub = new RecordingMediaStreamHub(new InMemoryMediaStreamHub(subscriberBuffer: 4096));
        using var timeout = CreateTimeoutSource();
        var ingest = await StartIngestAsync(hub, timeout.Token).AsTask().WaitAsync(Timeout);
        try
        {
            await test(ingest, hub);
        }
        finally
        {
            await Within(StopIngestAsync(ingest));
        }
    }
}
