using System.Diagnostics;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Host.Tests.Discovery;

/// <summary>The orchestrator's <c>-authWebhookUrl</c> discovery auth (§3.4, §9.4) against a real local webhook.</summary>
public sealed class DiscoveryAuthWebhookTests
{
    private static readonly EthAddress Gateway = EthAddress.Parse("0x1234567890abcdef1234567890abcdef12345678");

    [Fact]
    public async Task An_empty_200_accepts_at_the_configured_price_and_the_webhook_gets_the_gateway_address()
    {
        await using var webhook = await WebhookServer.StartAsync();
        webhook.Respond = context => Task.CompletedTask;
        await using var node = await InProcessNode.StartAsync("-orchestrator", "-pricePerUnit", "7", "-authWebhookUrl", webhook.Url.ToString());
        var client = new OrchestratorClient(InProcessNode.CreateGrpcClient(out var http));
        using (http)
        {
            var info = await client.GetOrchestratorAsync(node.Service, Gateway, default, null, false, null, CancellationToken.None);

            Assert.Equal(new Price(7, 1), info.Price);
            using var body = JsonDocument.Parse(Assert.Single(webhook.Bodies));
            Assert.Equal(Gateway, EthAddress.Parse(body.RootElement.GetProperty("id").GetString()!));
        }
    }

    [Fact]
    public async Task A_priceInfo_overrides_the_price_for_that_gateway_and_is_cached()
    {
        await using var webhook = await WebhookServer.StartAsync();
        webhook.Respond = WebhookServer.Json(200, """{"priceInfo":{"pricePerUnit":42,"pixelsPerUnit":3}}""");
        await using var node = await InProcessNode.StartAsync("-orchestrator", "-pricePerUnit", "7", "-authWebhookUrl", webhook.Url.ToString());
        var client = new OrchestratorClient(InProcessNode.CreateGrpcClient(out var http));
        using (http)
        {
            Assert.Equal(new Price(42, 3), (await client.GetOrchestratorAsync(node.Service, Gateway, default, null, false, null, CancellationToken.None)).Price);

            // Cached for 30 minutes: the webhook is not asked again, even if it would now refuse.
            webhook.Respond = WebhookServer.Json(403, "");
            Assert.Equal(new Price(42, 3), (await client.GetOrchestratorAsync(node.Service, Gateway, default, null, false, null, CancellationToken.None)).Price);
            Assert.Single(webhook.Bodies);
            Assert.Equal(1, ((AuthWebhookDiscoveryAuthorizer)node.Services.GetRequiredService<IDiscoveryAuthorizer>()).Calls);
        }
    }

    [Fact]
    public async Task A_refusal_fails_GetOrchestrator_with_a_clear_message_and_is_not_cached()
    {
        await using var webhook = await WebhookServer.StartAsync();
        webhook.Respond = WebhookServer.Json(403, """{"error":"nope"}""");
        await using var node = await InProcessNode.StartAsync("-orchestrator", "-authWebhookUrl", webhook.Url.ToString());
        var client = new OrchestratorClient(InProcessNode.CreateGrpcClient(out var http));
        using (http)
        {
            var error = await Assert.ThrowsAsync<GrpcException>(() => client.GetOrchestratorAsync(node.Service, Gateway, default, null, false, null, CancellationToken.None));
            Assert.Equal(GrpcStatusCode.Unknown, error.Status);
            Assert.Contains("discovery auth webhook refused the gateway", error.Message, StringComparison.Ordinal);
            Assert.Contains("403", error.Message, StringComparison.Ordinal);

            webhook.Respond = _ => Task.CompletedTask;
            Assert.NotNull((await client.GetOrchestratorAsync(node.Service, Gateway, default, null, false, null, CancellationToken.None)).AuthToken);
        }
    }

    [Fact]
    public async Task Garbage_or_oversized_answers_refuse()
    {
        await using var webhook = await WebhookServer.StartAsync();
        using var authorizer = new AuthWebhookDiscoveryAuthorizer(webhook.Url, TimeSpan.FromSeconds(2), TimeProvider.System, NullLogger<AuthWebhookDiscoveryAuthorizer>.Instance);

        webhook.Respond = WebhookServer.Json(200, "<html>not json");
        Assert.False((await authorizer.AuthorizeAsync(Gateway, CancellationToken.None)).Allowed);

        webhook.Respond = WebhookServer.Json(200, "{\"priceInfo\":\"" + new string('x', AuthWebhookDiscoveryAuthorizer.MaxBodyBytes) + "\"}");
        var big = await authorizer.AuthorizeAsync(Gateway, CancellationToken.None);
        Assert.False(big.Allowed);
        Assert.Contains("larger", big.Reason, StringComparison.Ordinal);

        webhook.Respond = async context =>
        {
            await context.Response.Body.WriteAsync(new byte[AuthWebhookDiscoveryAuthorizer.MaxBodyBytes + 10]); // chunked, no length
        };
        Assert.False((await authorizer.AuthorizeAsync(Gateway, CancellationToken.None)).Allowed);
    }

    [Fact]
    public async Task A_slow_or_unreachable_webhook_refuses_within_the_timeout()
    {
        await using var webhook = await WebhookServer.StartAsync();
        webhook.Respond = context => Task.Delay(TimeSpan.FromSeconds(30), context.RequestAborted);
        using var authorizer = new AuthWebhookDiscoveryAuthorizer(webhook.Url, TimeSpan.FromMilliseconds(300), TimeProvider.System, NullLogger<AuthWebhookDiscoveryAuthorizer>.Instance);

        var watch = Stopwatch.StartNew();
        var slow = await authorizer.AuthorizeAsync(Gateway, CancellationToken.None);
        Assert.False(slow.Allowed);
        Assert.Contains("did not answer", slow.Reason, StringComparison.Ordinal);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3), $"took {watch.Elapsed}");

        using var nowhere = new AuthWebhookDiscoveryAuthorizer(new Uri("http://127.0.0.1:1/auth"), TimeSpan.FromSeconds(2), TimeProvider.System, NullLogger<AuthWebhookDiscoveryAuthorizer>.Instance);
        Assert.False((await nowhere.AuthorizeAsync(Gateway, CancellationToken.None)).Allowed);
    }

    [Theory]
    [InlineData("", true, null, null)]
    [InlineData("  \n", true, null, null)]
    [InlineData("{}", true, null, null)]
    [InlineData("""{"priceInfo":null}""", true, null, null)]
    [InlineData("""{"priceInfo":{"pricePerUnit":0,"pixelsPerUnit":1}}""", true, 0L, 1L)]
    [InlineData("""{"priceInfo":{"pricePerUnit":5,"pixelsPerUnit":1000000000000}}""", true, 5L, 1000000000000L)]
    [InlineData("""{"priceInfo":{"pricePerUnit":5}}""", false, null, null)]
    [InlineData("""{"priceInfo":{"pricePerUnit":5,"pixelsPerUnit":0}}""", false, null, null)]
    [InlineData("""{"priceInfo":{"pricePerUnit":-5,"pixelsPerUnit":1}}""", false, null, null)]
    [InlineData("""{"priceInfo":{"pricePerUnit":"5","pixelsPerUnit":1}}""", false, null, null)]
    [InlineData("""{"priceInfo":{"pricePerUnit":1.5,"pixelsPerUnit":1}}""", false, null, null)]
    [InlineData("""{"priceInfo":[1,2]}""", false, null, null)]
    [InlineData("[]", false, null, null)]
    [InlineData("null", false, null, null)]
    [InlineData("{", false, null, null)]
    public void Answers_are_parsed_strictly(string body, bool allowed, long? pricePerUnit, long? pixelsPerUnit)
    {
        var answer = AuthWebhookDiscoveryAuthorizer.Parse(System.Text.Encoding.UTF8.GetBytes(body));
        Assert.Equal(allowed, answer.Allowed);
        Assert.Equal(pricePerUnit is { } p ? new Price(p, pixelsPerUnit!.Value) : null, answer.Price);
    }

    [Fact]
    public async Task A_deep_or_random_body_never_throws()
    {
        Assert.False(AuthWebhookDiscoveryAuthorizer.Parse(System.Text.Encoding.UTF8.GetBytes(new string('[', 5000))).Allowed);
        var random = new Random(5);
        for (var i = 0; i < 500; i++)
        {
            var garbage = new byte[random.Next(0, 128)];
            random.NextBytes(garbage);
            _ = AuthWebhookDiscoveryAuthorizer.Parse(garbage);
        }

        await Task.CompletedTask;
    }
}
