using System.Text;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Plugins.Rtmp.Client;
using Livepeer.Plugins.Rtmp.Protocol;
using Livepeer.Plugins.Rtmp.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>Protocols §9.4: the auth webhook decides, renames and configures RTMP streams.</summary>
public sealed class AuthWebhookTests
{
    [Theory]
    [InlineData("", true, null, null)]
    [InlineData("{\"manifestID\":\"m1\",\"streamKey\":\"k1\"}", true, "m1", "k1")]
    [InlineData("{\"manifestID\":\"\"}", false, null, null)]
    [InlineData("{\"streamKey\":\"k\"}", false, null, null)]
    [InlineData("not json", false, null, null)]
    [InlineData("[1,2]", false, null, null)]
    public void ParsesResponses(string body, bool allowed, string? manifest, string? key)
    {
        var decision = AuthWebhook.Parse(Encoding.UTF8.GetBytes(body));
        Assert.Equal(allowed, decision.Allowed);
        Assert.Equal(manifest, decision.ManifestId);
        Assert.Equal(key, decision.StreamKey);
    }

    [Fact]
    public void PresetsAndProfilesAreHonoured()
    {
        var decision = AuthWebhook.Parse(Encoding.UTF8.GetBytes(
            "{\"manifestID\":\"m\",\"presets\":[\"P240p30fps16x9\",\"Unknown\"],\"profiles\":[{\"name\":\"custom\",\"width\":640,\"height\":360,\"bitrate\":900000,\"fps\":30,\"fpsDen\":1}]}"));
        Assert.Equal(["P240p30fps16x9", "custom"], decision.Profiles!.Select(p => p.Name));
        Assert.Equal(640, decision.Profiles![1].Width);
    }

    [Fact]
    public async Task WebhookRefusesRenamesAndTimesOut()
    {
        var requests = new List<string>();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var hook = builder.Build();
        hook.MapPost("/auth", async (HttpContext context) =>
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body);
            var url = json.RootElement.GetProperty("url").GetString()!;
            lock (requests)
            {
                requests.Add(url);
            }

            if (url.Contains("bad", StringComparison.Ordinal))
            {
                context.Response.StatusCode = 403;
            }
            else if (url.Contains("slow", StringComparison.Ordinal))
            {
                await Task.Delay(10_000, context.RequestAborted);
            }
            else
            {
                await context.Response.WriteAsync("{\"manifestID\":\"fromhook\",\"streamKey\":\"hookkey\",\"presets\":[\"P144p30fps16x9\"]}");
            }
        });
        await hook.StartAsync();
        var hookUrl = new Uri(hook.Urls.First() + "/auth");

        var hub = new RecordingHub();
        var settings = new NodeSettings(NodeRoles.Gateway, "offchain", Path.GetTempPath()) { AuthWebhookUrl = hookUrl };
        await using var server = await RtmpTestServer.StartAsync(hub, settings, new RtmpOptions { AuthWebhookTimeout = TimeSpan.FromSeconds(2) });

        var refused = await Assert.ThrowsAsync<RtmpProtocolException>(() => RtmpClient.PublishAsync(server.Url("bad/key"), new SeededRandomSource(1), 4096, CancellationToken.None));
        Assert.Contains("publish refused", refused.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<RtmpProtocolException>(() => RtmpClient.PublishAsync(server.Url("slow/key"), new SeededRandomSource(1), 4096, CancellationToken.None));
        Assert.True(server.Logs.Contains(4008, "no answer within"));

        await using (var client = await RtmpClient.PublishAsync(server.Url("movie/key"), new SeededRandomSource(1), 4096, CancellationToken.None))
        {
            await TestMedia.SendFlvAsync(client, TestMedia.FlvGops(1)[0], CancellationToken.None);
            await client.CloseAsync(CancellationToken.None);
        }

        await hub.WaitForEndAsync("fromhook", TimeSpan.FromSeconds(10));
        var descriptor = hub.DescriptorOf("fromhook")!;
        Assert.Equal("hookkey", descriptor.StreamKey);
        Assert.Equal(["P144p30fps16x9"], descriptor.Profiles.Select(p => p.Name));
        lock (requests)
        {
            Assert.Contains($"rtmp://127.0.0.1:{server.Port}/movie/key", requests);
        }
    }
}
