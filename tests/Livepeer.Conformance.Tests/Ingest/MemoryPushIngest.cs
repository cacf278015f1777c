using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;

namespace Livepeer.Conformance.Tests.Ingest;

/// <summary>
/// Reference ingest: clients "push" whole segments by calling <see cref="PushAsync"/>, as HTTP push would
/// with <c>PUT /live/{name}/{n}.ts</c>. Each push is published into the hub as the stream's next segment.
/// </summary>
public sealed class MemoryPushIngest(IMediaStreamHub hub) : IIngest
{
    public string Name => "memory-push";

    public IReadOnlyList<Uri> Endpoints { get; } = [new Uri("memory://ingest/live/")];

    /// <summary>Publishes one stream of whole segments, then ends it.</summary>
    public async ValueTask PushAsync(string streamName, IEnumerable<byte[]> segments, CancellationToken cancellationToken)
    {
        var publication = await hub.PublishAsync(new StreamDescriptor(streamName, Name), cancellationToken);
        await using (publication)
        {
            var sequence = 0L;
            foreach (var data in segments)
            {
                await publication.WriteAsync(new MediaSegment(streamName, sequence++, TimeSpan.FromSeconds(2), data), cancellationToken);
            }
        }
    }
}
