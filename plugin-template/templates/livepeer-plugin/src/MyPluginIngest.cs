using System.Collections.Concurrent;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;

namespace MyPlugin;

/// <summary>
/// A push ingest: a client sends a stream as whole segments, one request each, and ends it explicitly
/// (<see cref="MyPluginIngestEndpoints"/> maps this onto HTTP on the gateway port). Each segment is published
/// into the node's <see cref="IMediaStreamHub"/> as the stream's next segment, numbered from 0, with this
/// ingest's name as the stream's protocol.
/// </summary>
public sealed class MyPluginIngest : IIngest
{
    private readonly IMediaStreamHub? _hub;
    private readonly INodeAddresses? _addresses;
    private readonly ConcurrentDictionary<string, PushedStream> _streams = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates the ingest. Both services come from the node; either may be missing on a node without the media
    /// toolkit or before it listens, so that the plugin still loads: publishing then fails with a clear error.
    /// </summary>
    public MyPluginIngest(IMediaStreamHub? hub = null, INodeAddresses? addresses = null)
    {
        _hub = hub;
        _addresses = addresses;
    }

    /// <inheritdoc />
    public string Name => MyPluginPlugin.ExtensionName;

    /// <inheritdoc />
    public IReadOnlyList<Uri> Endpoints =>
        _addresses?.GetBaseUri(NodeListener.Gateway) is { } gateway ? [new Uri(gateway, $"/{Name}/")] : [];

    /// <summary>Publishes <paramref name="data"/> as the next segment of <paramref name="streamName"/>, starting the stream if needed.</summary>
    /// <returns>The segment's sequence number.</returns>
    public async ValueTask<long> WriteSegmentAsync(string streamName, ReadOnlyMemory<byte> data, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamName);
        var hub = _hub ?? throw new InvalidOperationException($"Ingest '{Name}': this node has no media stream hub to publish into.");
        var copy = data.ToArray(); // the caller may reuse its buffer; the hub keeps the segment
        while (true)
        {
            var stream = _streams.GetOrAdd(streamName, static _ => new PushedStream());
            await stream.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                if (stream.Ended)
                {
                    continue; // ended while we waited: start a new stream of that name
                }

                stream.Publication ??= await hub.PublishAsync(new StreamDescriptor(streamName, Name), cancellationToken).ConfigureAwait(false);
                var sequence = stream.NextSequence;
                await stream.Publication.WriteAsync(new MediaSegment(streamName, sequence, duration, copy), cancellationToken).ConfigureAwait(false);
                stream.NextSequence++;
                return sequence;
            }
            finally
            {
                stream.Gate.Release();
            }
        }
    }

    /// <summary>Ends <paramref name="streamName"/>: its subscribers reach the end. False when no such stream was being pushed.</summary>
    public async ValueTask<bool> EndStreamAsync(string streamName)
    {
        ArgumentNullException.ThrowIfNull(streamName);
        if (!_streams.TryRemove(streamName, out var stream))
        {
            return false;
        }

        await stream.EndAsync().ConfigureAwait(false);
        return true;
    }

    private sealed class PushedStream
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public IStreamPublication? Publication { get; set; }

        public long NextSequence { get; set; }

        public bool Ended { get; private set; }

        public async ValueTask EndAsync()
        {
            await Gate.WaitAsync().ConfigureAwait(false);
            try
            {
                Ended = true;
                if (Publication is { } publication)
                {
                    await publication.DisposeAsync().ConfigureAwait(false);
                }
            }
            finally
            {
                Gate.Release();
            }
        }
    }
}
