using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;

namespace Livepeer.Plugins.WebhookDiscovery.Tests;

/// <summary>The kit's discovery facts, with <c>known</c> served as the webhook's JSON by a real local server.</summary>
public sealed class WebhookDiscoverySourceConformanceTests : DiscoverySourceConformanceTests, IAsyncLifetime
{
    private readonly List<WebhookDiscoverySource> _sources = [];
    private WebhookServer? _server;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        _sources.ForEach(s => s.Dispose());
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    protected override async ValueTask<IDiscoverySource> CreateSourceAsync(IReadOnlyList<OrchestratorCandidate> known)
    {
        _server ??= await WebhookServer.StartAsync();
        _server.Respond(Webhooks.Json(known));
        var source = Webhooks.Source(_server.Url, TimeProvider.System);
        _sources.Add(source);
        return source;
    }
}
