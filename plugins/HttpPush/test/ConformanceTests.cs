using System.Text.Json;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Ingest;
using Livepeer.Abstractions.Media;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.HttpPush.Tests;

/// <summary>The conformance kit's ingest facts, driven by real HTTP pushes; a stream ends by going idle (1.5 s here).</summary>
public sealed class HttpPushIngestConformanceTests : IngestConformanceTests
{
    private PushServer? _server;

    protected override async ValueTask<IIngest> StartIngestAsync(IMediaStreamHub hub, CancellationToken cancellationToken)
    {
        _server = await PushServer.StartAsync(hub, new Dictionary<string, string?> { ["IdleTimeout"] = "1.5" });
        return _server.Ingest;
    }

    protected override async ValueTask PublishAsync(IIngest ingest, string streamName, IReadOnlyList<byte[]> segments, CancellationToken cancellationToken)
    {
        var endpoint = ingest.Endpoints.Single();
        using var client = new HttpClient();
        for (var i = 0; i < segments.Count; i++)
        {
            using var content = new ByteArrayContent(segments[i]);
            using var response = await client.PutAsync(new Uri(endpoint, $"{streamName}/{i}.ts"), content, cancellationToken);
            response.EnsureSuccessStatusCode();
        }

        // The client is done once the stream has gone idle and ended (upstream has no explicit end either).
        while (_server!.Hub.ActiveStreams.Any(s => s.StreamId == streamName))
        {
            await Task.Delay(50, cancellationToken);
        }
    }

    protected override IReadOnlyList<byte[]> CreateSegments(int count, byte marker) =>
        [.. Enumerable.Range(0, count).Select(i => SyntheticTs.Create(marker, i))];

    protected override async ValueTask StopIngestAsync(IIngest ingest)
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}

/// <summary>The conformance kit's plugin facts against <see cref="HttpPushPlugin"/>.</summary>
public sealed class HttpPushPluginConformanceTests : PluginConformanceTests<HttpPushPlugin>
{

    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services) => services.BuildServiceProvider();
}
