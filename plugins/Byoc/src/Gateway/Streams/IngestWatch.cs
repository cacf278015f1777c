using Livepeer.Abstractions.Media;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// Tells a gateway stream when its ingest (the hub stream of the same id, from RTMP or WHIP) appears or goes, so the
/// first segment of each (re)connection is relayed. It depends on nothing but the table: the hub it observes is handed in.
/// </summary>
internal sealed class IngestWatch(GatewayStreamTable table) : IStreamObserver
{
    public void OnStreamStarted(StreamDescriptor descriptor, IMediaStreamHub hub)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(hub);
        table.Find(descriptor.StreamId)?.Ingest.Attach(hub);
    }

    public void OnStreamEnded(StreamDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        table.Find(descriptor.StreamId)?.Ingest.Detach();
    }
}
