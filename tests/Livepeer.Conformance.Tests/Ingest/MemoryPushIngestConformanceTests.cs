using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Xunit;

namespace Livepeer.Conformance.Tests.Ingest;

public sealed class MemoryPushIngestConformanceTests : IngestConformanceTests
{
    protected override ValueTask<IIngest> StartIngestAsync(IMediaStreamHub hub, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IIngest>(new MemoryPushIngest(hub));

    protected override ValueTask PublishAsync(IIngest ingest, string streamName, IReadOnlyList<byte[]> segments, CancellationToken cancellationToken) =>
        ((MemoryPushIngest)ingest).PushAsync(streamName, segments, cancellationToken);
}

/// <summary>The kit catches an ingest that numbers segments from 1 or labels streams with the wrong protocol.</summary>
public sealed class BrokenIngestTests
{
    [Fact]
    public async Task KitCatchesSequenceFromOne() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit(protocol: null, firstSequence: 1).PublishedStreamAppearsInTheHub());

    [Fact]
    public async Task KitCatchesWrongProtocol() =>
        await Assert.ThrowsAnyAsync<Exception>(() => new Kit(protocol: "rtmp", firstSequence: 0).PublishedStreamAppearsInTheHub());

    private sealed class Kit(string? protocol, long firstSequence) : IngestConformanceTests
    {
        protected override ValueTask<IIngest> StartIngestAsync(IMediaStreamHub hub, CancellationToken cancellationToken) =>
            ValueTask.FromResult<IIngest>(new Sloppy(hub, protocol, firstSequence));

        protected override ValueTask PublishAsync(IIngest ingest, string streamName, IReadOnlyList<byte[]> segments, CancellationToken cancellationToken) =>
            ((Sloppy)ingest).PushAsync(streamName, segments, cancellationToken);
    }

    private sealed class Sloppy(IMediaStreamHub hub, string? protocol, long firstSequence) : IIngest
    {
        public string Name => "sloppy";

        public IReadOnlyList<Uri> Endpoints { get; } = [new Uri("memory://sloppy/")];

        public async ValueTask PushAsync(string streamName, IReadOnlyList<byte[]> segments, CancellationToken cancellationToken)
        {
            await using var publication = await hub.PublishAsync(new StreamDescriptor(streamName, protocol ?? Name), cancellationToken);
            var sequence = firstSequence;
            foreach (var data in segments)
            {
                await publication.WriteAsync(new MediaSegment(streamName, sequence++, TimeSpan.FromSeconds(2), data), cancellationToken);
            }
        }
    }
}
