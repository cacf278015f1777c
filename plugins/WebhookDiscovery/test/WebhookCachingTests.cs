using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Discovery;
using Microsoft.AspNetCore.Http;
using static Livepeer.Plugins.WebhookDiscovery.Tests.Webhooks;

namespace Livepeer.Plugins.WebhookDiscovery.Tests;

/// <summary>
/// What is fetched when, on the injected clock (upstream's <c>TestNewWHOrchestratorPoolCache</c>,
/// <c>TestWebhookPoolConfig_ForwardsHeaders</c>, <c>TestWebhookPool_SuccessfulEmptyRefreshClearsCache</c>).
/// </summary>
public sealed class WebhookCachingTests : IAsyncLifetime
{
    private static readonly DiscoveryQuery All = new(100);
    private readonly ManualTimeProvider _time = new();
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task ListsTheWebhooksOrchestratorsWithTheirScores()
    {
        _server.Respond("""[{"address":"https://a.example:8935","score":1},{"address":"https://b.example:9000"},{"address":"http://c.example","score":0.25}]""");
        using var source = Source(_server.Url, _time);

        var result = await source.GetCandidatesAsync(All, CancellationToken.None);

        Assert.Equal([new Uri("https://a.example:8935"), new Uri("https://b.example:9000"), new Uri("http://c.example")], result.Uris());
        Assert.Equal([1.0, 0.0, 0.25], result.Select(c => c.Score));
        Assert.All(result, c => Assert.Null(c.Address));
    }

    [Fact]
    public async Task AsksAgainOnlyOnceTheIntervalHasPassed()
    {
        _server.Respond(Json(1, 2));
        using var source = Source(_server.Url, _time);

        await source.GetCandidatesAsync(All, CancellationToken.None);
        await source.GetCandidatesAsync(All, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(59.999));
        await source.GetCandidatesAsync(All, CancellationToken.None);
        Assert.Equal(1, _server.RequestCount);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await source.GetCandidatesAsync(All, CancellationToken.None);
        await source.GetCandidatesAsync(All, CancellationToken.None);
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task RefreshIntervalIsConfigurable()
    {
        _server.Respond(Json(1));
        using var source = Source(_server.Url, _time, configure: o => o with { RefreshInterval = TimeSpan.FromSeconds(10) });

        await source.GetCandidatesAsync(All, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(10));
        await source.GetCandidatesAsync(All, CancellationToken.None);

        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task ChangedAnswerReplacesTheList()
    {
        _server.Respond(Json(1, 2));
        using var source = Source(_server.Url, _time);
        await source.GetCandidatesAsync(All, CancellationToken.None);

        _server.Respond(Json(3));
        Assert.Equal([Uri(1), Uri(2)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([Uri(3)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
    }

    [Fact]
    public async Task UnchangedAnswerIsNotRebuilt()
    {
        var logger = new ListLogger<WebhookDiscoverySource>();
        _server.Respond(Json(1, 2));
        using var source = Source(_server.Url, _time, logger);
        var first = await source.GetCandidatesAsync(All, CancellationToken.None);

        _time.Advance(TimeSpan.FromMinutes(1));
        var second = await source.GetCandidatesAsync(All, CancellationToken.None);

        Assert.Equal(2, _server.RequestCount);
        Assert.Same(first, second);
        Assert.Contains(logger.Entries, e => e.EventId == 3102);
    }

    [Fact]
    public async Task SuccessfulEmptyAnswerClearsTheList()
    {
        _server.Respond(Json(1, 2));
        using var source = Source(_server.Url, _time);
        await source.GetCandidatesAsync(All, CancellationToken.None);

        _server.Respond("[]");
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(await source.GetCandidatesAsync(All, CancellationToken.None));
    }

    [Fact]
    public async Task NullAnswerClearsTheListAsGoDecodesItToAnEmptySlice()
    {
        _server.Respond(Json(1));
        using var source = Source(_server.Url, _time);
        await source.GetCandidatesAsync(All, CancellationToken.None);

        _server.Respond("null");
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Empty(await source.GetCandidatesAsync(All, CancellationToken.None));
    }

    [Fact]
    public async Task WhileNothingIsKnownEveryCallAsks()
    {
        _server.Respond("[]");
        using var source = Source(_server.Url, _time);
        Assert.Empty(await source.GetCandidatesAsync(All, CancellationToken.None));

        _server.Respond(Json(4));

        Assert.Equal([Uri(4)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
        Assert.Equal(2, _server.RequestCount);
    }

    [Fact]
    public async Task ConfiguredHeadersAreSent()
    {
        _server.Respond(Json(1));
        using var source = Source(_server.Url, _time, configure: o => o with
        {
            Headers = [new("Authorization", "Bearer s3cret"), new("X-Region", "eu-west")],
        });

        await source.GetCandidatesAsync(All, CancellationToken.None);

        var request = Assert.Single(_server.Requests);
        Assert.Equal("Bearer s3cret", request["Authorization"]);
        Assert.Equal("eu-west", request["X-Region"]);
    }

    [Fact]
    public async Task ConcurrentCallersShareOneRequest()
    {
        var release = new TaskCompletionSource();
        _server.Handle(async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync(Json(1, 2, 3));
        });
        using var source = Source(_server.Url, _time);

        var calls = Enumerable.Range(0, 16).Select(_ => Task.Run(async () => await source.GetCandidatesAsync(All, CancellationToken.None))).ToList();
        await Task.Delay(200);
        release.SetResult();
        var results = await Task.WhenAll(calls).WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, _server.RequestCount);
        Assert.All(results, r => Assert.Equal([Uri(1), Uri(2), Uri(3)], r.Uris()));
    }

    [Fact]
    public async Task DuplicatesAreListedOnceWithTheFirstScore()
    {
        _server.Respond("""[{"address":"https://a.example:1","score":1},{"address":"https://a.example:1/","score":0},{"address":"https://b.example:1"}]""");
        using var source = Source(_server.Url, _time);

        var result = await source.GetCandidatesAsync(All, CancellationToken.None);

        Assert.Equal([new Uri("https://a.example:1"), new Uri("https://b.example:1")], result.Uris());
        Assert.Equal(1.0, result[0].Score);
    }

    [Fact]
    public async Task MaxCandidatesTakesTheFirstInWebhookOrder()
    {
        _server.Respond(Json(5, 4, 3, 2, 1));
        using var source = Source(_server.Url, _time);

        Assert.Equal([Uri(5), Uri(4)], (await source.GetCandidatesAsync(new DiscoveryQuery(2), CancellationToken.None)).Uris());
        Assert.Equal(5, (await source.GetCandidatesAsync(All, CancellationToken.None)).Count);
        Assert.Equal(1, _server.RequestCount);
    }

    [Fact]
    public async Task EmptyAndInvalidAddressesAreSkippedAndReported()
    {
        var logger = new ListLogger<WebhookDiscoverySource>();
        _server.Respond("""
            [{"address":""},{"score":1},{"address":"not a url"},{"address":"/relative"},{"address":"ftp://files.example"},
             {"address":"https://ok.example:8935"},{"address":"mailto:a@b"}]
            """);
        using var source = Source(_server.Url, _time, logger);

        var result = await source.GetCandidatesAsync(All, CancellationToken.None);

        Assert.Equal([new Uri("https://ok.example:8935")], result.Uris());
        var warning = Assert.Single(logger.Entries, e => e.EventId == 3104);
        Assert.Contains("4 entries", warning.Message, StringComparison.Ordinal);
        Assert.Contains("'not a url'", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheWebhooksQueryNeverReachesTheLogs()
    {
        var logger = new ListLogger<WebhookDiscoverySource>();
        _server.Respond(Json(1));
        using var source = Source(new Uri(_server.Url, "/orchs?token=hunter2"), _time, logger);

        await source.GetCandidatesAsync(All, CancellationToken.None);

        Assert.NotEmpty(logger.Entries);
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains("hunter2", StringComparison.Ordinal));
    }
}
