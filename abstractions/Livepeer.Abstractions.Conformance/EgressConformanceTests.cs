using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Egress;
using Livepeer.Abstractions.Media;
using Xunit;

namespace Livepeer.Abstractions.Conformance;

/// <summary>
/// What every pushing <see cref="IEgress"/> must do. Segments written to the hub after
/// <see cref="IEgress.PushAsync"/> has returned must reach the target, in order.
/// </summary>
public abstract class EgressConformanceTests : ConformanceTestBase
{
    /// <summary>The stream the facts publish.</summary>
    protected const string StreamId = "conformance-egress";

    /// <summary>Creates the egress under test reading from <paramref name="hub"/>, started.</summary>
    protected abstract ValueTask<IEgress> CreateEgressAsync(IMediaStreamHub hub, CancellationToken cancellationToken);

    /// <summary>A fresh target this egress can push to (e.g. an RTMP URL of a test server, a folder, <c>memory://…</c>).</summary>
    protected abstract Uri CreatePushTarget();

    /// <summary>
    /// Reads what arrived at <paramref name="target"/>, waiting until <paramref name="expectedSegments"/> segments
    /// are there (or, for a protocol that re-cuts media, until the push is complete), as one payload per segment.
    /// </summary>
    protected abstract ValueTask<IReadOnlyList<byte[]>> ReadDeliveredAsync(Uri target, int expectedSegments, CancellationToken cancellationToken);

    /// <summary>Stops the egress; the default disposes it when it is disposable.</summary>
    protected virtual async ValueTask StopEgressAsync(IEgress egress)
    {
        switch (egress)
        {
            case IAsyncDisposable asyncDisposable:
                await asyncDisposable.DisposeAsync().ConfigureAwait(false);
                break;
            case IDisposable disposable:
                disposable.Dispose();
                break;
        }
    }

    /// <summary>True when each hub segment arrives as one payload with the same bytes; false for protocols that re-mux.</summary>
    protected virtual bool PreservesSegmentBoundaries => true;

    /// <summary>The payloads the facts publish; override with real media when the protocol needs it.</summary>
    protected virtual IReadOnlyList<byte[]> CreateSegments(int count) =>
        [.. Enumerable.Range(0, count).Select(i => new byte[] { 0xE0, (byte)i, 0x47, (byte)(i * 5), 0x01 })];

    /// <summary>The egress has a name to be configured by.</summary>
    [Fact]
    public Task NameIsNotEmpty() => WithEgress((egress, _) =>
    {
        Assert.False(string.IsNullOrWhiteSpace(egress.Name));
        Assert.All(egress.Endpoints, uri => Assert.True(uri.IsAbsoluteUri, $"'{uri}' is not absolute."));
        return Task.CompletedTask;
    });

    /// <summary>The egress can push to the targets it is tested with.</summary>
    [Fact]
    public Task CanPushItsOwnTarget() => WithEgress((egress, _) =>
    {
        Assert.True(egress.CanPush(CreatePushTarget()));
        return Task.CompletedTask;
    });

    /// <summary>Segments published after the push started arrive at the target in order; the session completes when the stream ends.</summary>
    [Fact]
    public Task PushDeliversSegmentsInOrder() => WithEgress(async (egress, hub) =>
    {
        var payloads = CreateSegments(4);
        var target = CreatePushTarget();
        var publication = await Within(hub.PublishAsync(new StreamDescriptor(StreamId, "conformance"), CancellationToken.None));
        var session = await Within(egress.PushAsync(new EgressRequest(StreamId, target), CancellationToken.None));
        await using (session)
        {
            Assert.Equal(target, session.Target);
            for (var i = 0; i < payloads.Count; i++)
            {
                await Within(publication.WriteAsync(new MediaSegment(StreamId, i, TimeSpan.FromSeconds(2), payloads[i]), CancellationToken.None));
            }

            using var timeout = CreateTimeoutSource();
            var delivered = await ReadDeliveredAsync(target, payloads.Count, timeout.Token).AsTask().WaitAsync(Timeout);

            if (PreservesSegmentBoundaries)
            {
                Assert.Equal(payloads, delivered);
            }
            else
            {
                Assert.NotEmpty(delivered);
            }

            await publication.DisposeAsync();
            await Within(session.Completion);
        }
    });

    /// <summary>Disposing the session stops the push and completes its <see cref="IEgressSession.Completion"/>.</summary>
    [Fact]
    public Task DisposingTheSessionCompletesIt() => WithEgress(async (egress, hub) =>
    {
        var publication = await Within(hub.PublishAsync(new StreamDescriptor(StreamId, "conformance"), CancellationToken.None));
        await using (publication)
        {
            var session = await Within(egress.PushAsync(new EgressRequest(StreamId, CreatePushTarget()), CancellationToken.None));
            Assert.False(session.Completion.IsCompleted, "The push ended while the stream was still live.");

            await Within(session.DisposeAsync());

            await Within(session.Completion.ContinueWith(_ => { }, TaskScheduler.Default));
        }
    });

    /// <summary>Pushing a stream nobody publishes throws <see cref="KeyNotFoundException"/>.</summary>
    [Fact]
    public Task UnknownStreamThrows() => WithEgress(async (egress, _) =>
        await Assert.ThrowsAsync<KeyNotFoundException>(
            () => Within(egress.PushAsync(new EgressRequest("no-such-stream", CreatePushTarget()), CancellationToken.None))));

    /// <summary>A target of an unrelated scheme is refused by <see cref="IEgress.CanPush"/> and by <see cref="IEgress.PushAsync"/>.</summary>
    [Fact]
    public Task UnrelatedSchemeIsRefused() => WithEgress(async (egress, hub) =>
    {
        var foreign = new Uri("gopher://x");
        Assert.False(egress.CanPush(foreign));

        var publication = await Within(hub.PublishAsync(new StreamDescriptor(StreamId, "conformance"), CancellationToken.None));
        await using (publication)
        {
            await Assert.ThrowsAsync<NotSupportedException>(
                () => Within(egress.PushAsync(new EgressRequest(StreamId, foreign), CancellationToken.None)));
        }
    });

    private async Task WithEgress(Func<IEgress, IMediaStreamHub, Task> test)
    {
        var hub = new InMemoryMediaStreamHub(subscriberBuffer: 4096);
        using var timeout = CreateTimeoutSource();
        var egress = await CreateEgressAsync(hub, timeout.Token).AsTask().WaitAsync(Timeout);
        try
        {
            await test(egress, hub);
        }
        finally
        {
            await Within(StopEgressAsync(egress));
        }
    }
}
