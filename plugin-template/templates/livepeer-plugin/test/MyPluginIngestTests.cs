using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;

namespace MyPlugin.Tests;

/// <summary>
/// The conformance kit's ingest facts. The kit drives <see cref="MyPluginIngest"/> directly, as its HTTP routes
/// (<see cref="MyPluginIngestEndpoints"/>) do for a request; loading the plugin into a node tests those.
/// </summary>
public sealed class MyPluginIngestTests : IngestConformanceTests
{
    protected override ValueTask<IIngest> StartIngestAsync(IMediaStreamHub hub, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IIngest>(new MyPluginIngest(hub, new GatewayAt(new Uri("http://127.0.0.1:9935/"))));

    protected override async ValueTask PublishAsync(IIngest ingest, string streamName, IReadOnlyList<byte[]> segments, CancellationToken cancellationToken)
    {
        var push = (MyPluginIngest)ingest;
        foreach (var segment in segments)
        {
            await push.WriteSegmentAsync(streamName, segment, TimeSpan.FromSeconds(2), cancellationToken);
        }

        Assert.True(await push.EndStreamAsync(streamName));
    }

    [Fact]
    public void EndpointIsUnderTheGatewayAddress()
    {
        var ingest = new MyPluginIngest(null, new GatewayAt(new Uri("http://127.0.0.1:9935/")));

        Assert.Equal([new Uri($"http://127.0.0.1:9935/{MyPluginPlugin.ExtensionName}/")], ingest.Endpoints);
    }

    /// <summary>The node's addresses as a node that listens on <paramref name="gateway"/> reports them.</summary>
    private sealed class GatewayAt(Uri gateway) : INodeAddresses
    {
        public Uri? GetBaseUri(NodeListener listener) => listener == NodeListener.Gateway ? gateway : null;
    }
}
