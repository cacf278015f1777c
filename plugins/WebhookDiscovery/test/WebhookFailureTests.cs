using System.Diagnostics;
using System.Text;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Discovery;
using Microsoft.AspNetCore.Http;
using static Livepeer.Plugins.WebhookDiscovery.Tests.Webhooks;

namespace Livepeer.Plugins.WebhookDiscovery.Tests;

/// <summary>
/// Failing, slow, oversized and malformed answers keep the last good list and never escape as exceptions
/// (upstream's <c>TestWebhookPool_UsesCachedInfosOnRefreshError</c>, <c>TestWebhookPool_RefreshErrorWithoutCache</c>,
/// <c>TestDeserializeWebhookJSON</c>).
/// </summary>
public sealed class WebhookFailureTests : IAsyncLifetime
{
    private static readonly DiscoveryQuery All = new(100);
    private readonly ManualTimeProvider _time = new();
    private readonly ListLogger<WebhookDiscoverySource> _logger = new();
    private WebhookServer _server = null!;

    public async Task InitializeAsync() => _server = await WebhookServer.StartAsync();

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string> BadBodies => new()
    {
        "",
        "   ",
        "{}",
        "\"https://o1.example:8935\"",
        "42",
        "true",
        "[1,2]",
        "[[\"https://o1.example:8935\"]]",
        """[{"address":5}]""",
        """[{"address":["https://o1.example:8935"]}]""",
        """[{"address":"https://o1.example:8935","score":"high"}]""",
        """[{"address":"https://o1.example:8935","score":1e39}]""",
        """[{"address":"https://o1.example:8935","score":true}]""",
        """[{"address":"https://o1.example:8935"}""",
        """[{"address":"https://o1.example:8935"}]]""",
        """[{"address":"https://o1.example:8935",}]""",
        "[" + new string('[', 5000) + new string(']', 5000) + "]",
        "<html><body>502 Bad Gateway</body></html>",
        "\u00ff\u00fe[]",
    };

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(404)]
    [InlineData(401)]
    [InlineData(302)]
    [InlineData(204)]
    public async Task ErrorStatusKeepsTheLastGoodList(int status)
    {
        using var source = await SourceWithGoodList();

        _server.Respond(status == 204 ? "" : Json(9), status);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([Uri(1), Uri(2)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
        Assert.Equal(2, _server.RequestCount);
        if (status != 204)
        {
            Assert.Contains(_logger.Entries, e => e.EventId == 3103 && e.Message.Contains(status.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task FailureWithoutAListGivesAnEmptyListAndIsRetriedOnDemand()
    {
        _server.Respond("oops", 503);
        using var source = Source(_server.Url, _time, _logger);

        Assert.Empty(await source.GetCandidatesAsync(All, CancellationToken.None));

        _server.Respond(Json(7));
        Assert.Equal([Uri(7)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
    }

    [Fact]
    public async Task UnreachableWebhookGivesAnEmptyList()
    {
        var url = _server.Url;
        await _server.DisposeAsync();
        _server = await WebhookServer.StartAsync(); // keep DisposeAsync happy; the old port is closed
        using var source = Source(url, _time, _logger);

        Assert.Empty(await source.GetCandidatesAsync(All, CancellationToken.None));
        Assert.Contains(_logger.Entries, e => e.EventId == 3103);
    }

    [Fact]
    public async Task AfterAFailureTheWebhookIsAskedAgainOnlyAfterTheInterval()
    {
        using var source = await SourceWithGoodList();
        _server.Respond("down", 500);
        _time.Advance(TimeSpan.FromMinutes(1));
        await source.GetCandidatesAsync(All, CancellationToken.None);

        await source.GetCandidatesAsync(All, CancellationToken.None);
        Assert.Equal(2, _server.RequestCount);

        _server.Respond(Json(3));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal([Uri(3)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
    }

    [Theory]
    [MemberData(nameof(BadBodies))]
    public async Task MalformedAnswerKeepsTheLastGoodList(string body)
    {
        using var source = await SourceWithGoodList();

        _server.Respond(body);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([Uri(1), Uri(2)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
        Assert.Contains(_logger.Entries, e => e.EventId == 3103);
    }

    [Fact]
    public async Task TooManyEntriesKeepTheLastGoodList()
    {
        using var source = await SourceWithGoodList(o => o with { MaxEntries = 5 });

        _server.Respond(Json(1, 2, 3, 4, 5, 6));
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([Uri(1), Uri(2)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
        Assert.Contains(_logger.Entries, e => e.EventId == 3103 && e.Message.Contains("6 entries", StringComparison.Ordinal));

        _server.Respond(Json(1, 2, 3, 4, 5));
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(5, (await source.GetCandidatesAsync(All, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task BodyOverTheLimitWithALengthIsRefused()
    {
        using var source = await SourceWithGoodList();

        _server.Respond(new byte[(1024 * 1024) + 1]);
        _time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal([Uri(1), Uri(2)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
        Assert.Contains(_logger.Entries, e => e.EventId == 3103 && e.Message.Contains("limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task EndlessBodyIsCutOffAtTheLimitWithoutWaitingForTheTimeout()
    {
        using var source = await SourceWithGoodList(o => o with { Timeout = TimeSpan.FromSeconds(30) });
        long sent = 0;
        _server.Handle(async context =>
        {
            context.Response.ContentType = "application/json";
            var chunk = Encoding.ASCII.GetBytes("[" + string.Concat(Enumerable.Repeat("{\"address\":\"https://o1.example:8935\"},", 1000)));
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                Interlocked.Add(ref sent, chunk.Length);
            }
        });
        _time.Advance(TimeSpan.FromMinutes(1));
        var clock = Stopwatch.StartNew();

        var result = await source.GetCandidatesAsync(All, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        Assert.Equal([Uri(1), Uri(2)], result.Uris());
        Assert.Contains(_logger.Entries, e => e.EventId == 3103 && e.Message.Contains("limit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SlowWebhookHitsTheTimeoutAndTheLastGoodListIsKept()
    {
        _server.Respond(Json(1, 2));
        using var source = Source(_server.Url, TimeProvider.System, _logger, o => o with { Timeout = TimeSpan.FromMilliseconds(300), RefreshInterval = TimeSpan.FromMilliseconds(1) });
        await source.GetCandidatesAsync(All, CancellationToken.None);
        _server.Handle(context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted));
        await Task.Delay(5);
        var clock = Stopwatch.StartNew();

        var result = await source.GetCandidatesAsync(All, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.InRange(clock.Elapsed, TimeSpan.FromMilliseconds(250), TimeSpan.FromSeconds(5));
        Assert.Equal([Uri(1), Uri(2)], result.Uris());
        Assert.Contains(_logger.Entries, e => e.EventId == 3103 && e.Message.Contains("no answer within", StringComparison.Ordinal));
    }

    [Fact]
    public async Task BodyThatTricklesPastTheTimeoutIsAbandoned()
    {
        using var source = Source(_server.Url, TimeProvider.System, _logger, o => o with { Timeout = TimeSpan.FromMilliseconds(300) });
        _server.Handle(async context =>
        {
            await context.Response.WriteAsync("[{\"address\":", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        });

        var result = await source.GetCandidatesAsync(All, CancellationToken.None).AsTask().WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Empty(result);
        Assert.Contains(_logger.Entries, e => e.EventId == 3103 && e.Message.Contains("no answer within", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CallerCancellationIsTheCallersAndTheSourceStillWorksAfterwards()
    {
        var release = new TaskCompletionSource();
        _server.Handle(async context =>
        {
            await release.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync(Json(1));
        });
        using var source = Source(_server.Url, _time, _logger);
        using var cancel = new CancellationTokenSource();

        var call = source.GetCandidatesAsync(All, cancel.Token).AsTask();
        await Task.Delay(100);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(TimeSpan.FromSeconds(10)));

        release.SetResult();
        Assert.Equal([Uri(1)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
    }

    [Fact]
    public async Task RandomBytesNeverEscapeAsExceptions()
    {
        using var source = await SourceWithGoodList();
        var random = new Random(1234);

        for (var i = 0; i < 60; i++)
        {
            var body = new byte[random.Next(0, 8192)];
            random.NextBytes(body);
            _server.Respond(body);
            _time.Advance(TimeSpan.FromMinutes(1));

            Assert.Equal([Uri(1), Uri(2)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
        }
    }

    [Fact]
    public async Task MutatedAnswersGiveEitherTheLastGoodListOrAValidOne()
    {
        var valid = Encoding.UTF8.GetBytes("""[{"address":"https://o1.example:8935","score":1},{"address":"https://o2.example:8935","score":0.5},{"address":"http://o3.example"}]""");
        using var source = await SourceWithGoodList();
        var random = new Random(99);

        for (var i = 0; i < 150; i++)
        {
            var body = (byte[])valid.Clone();
            for (var m = random.Next(1, 4); m > 0; m--)
            {
                body[random.Next(body.Length)] = (byte)random.Next(256);
            }

            _server.Respond(body);
            _time.Advance(TimeSpan.FromMinutes(1));
            var result = await source.GetCandidatesAsync(All, CancellationToken.None);

            Assert.InRange(result.Count, 0, 3);
            Assert.All(result, c => Assert.True(c.ServiceUri.IsAbsoluteUri && c.ServiceUri.Scheme is "http" or "https", c.ServiceUri.ToString()));
            Assert.Equal(result.Count, result.Select(c => c.ServiceUri).Distinct().Count());
        }
    }

    private async Task<WebhookDiscoverySource> SourceWithGoodList(Func<WebhookDiscoveryOptions, WebhookDiscoveryOptions>? configure = null)
    {
        _server.Respond(Json(1, 2));
        var source = Source(_server.Url, _time, _logger, configure);
        Assert.Equal([Uri(1), Uri(2)], (await source.GetCandidatesAsync(All, CancellationToken.None)).Uris());
        return source;
    }
}
