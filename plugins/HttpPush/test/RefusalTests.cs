using System.Net;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.HttpPush.Tests;

/// <summary>Bad pushes get a 4xx, create no stream, and leave other streams alone; limits and the auth webhook refuse as upstream.</summary>
public sealed class RefusalTests
{
    [Theory]
    [InlineData("/live/movie/0.m3u8", HttpStatusCode.BadRequest)]
    [InlineData("/live/movie/0", HttpStatusCode.BadRequest)]
    [InlineData("/live/movie/seg.ts", HttpStatusCode.BadRequest)]
    [InlineData("/live/movie/-1.ts", HttpStatusCode.BadRequest)]
    [InlineData("/live/movie/99999999999999999999999.ts", HttpStatusCode.BadRequest)]
    [InlineData("/live/mo%20vie/0.ts", HttpStatusCode.BadRequest)]
    [InlineData("/live/movie/0.TS", HttpStatusCode.BadRequest)]
    [InlineData("/live/movie", HttpStatusCode.NotFound)]
    [InlineData("/live/a/b/0.ts", HttpStatusCode.NotFound)]
    public async Task Bad_paths_are_refused(string path, HttpStatusCode expected)
    {
        await using var server = await PushServer.StartAsync();
        using var response = await server.PushAsync(path, SyntheticTs.Create(1, 0));
        Assert.Equal(expected, response.StatusCode);
        Assert.Empty(server.Hub.ActiveStreams);
    }

    [Theory]
    [InlineData("Content-Duration", "abc")]
    [InlineData("Content-Duration", "-5")]
    [InlineData("Content-Duration", "0")]
    [InlineData("Content-Duration", "1e3")]
    [InlineData("Content-Duration", "99999999999")]
    [InlineData("Content-Resolution", "320")]
    [InlineData("Content-Resolution", "320x")]
    [InlineData("Content-Resolution", "0x240")]
    [InlineData("Content-Resolution", "-320x240")]
    [InlineData("Content-Resolution", "99999x99999")]
    public async Task Bad_headers_are_refused(string header, string value)
    {
        await using var server = await PushServer.StartAsync();
        using var response = await server.PushAsync("/live/movie/0.ts", SyntheticTs.Create(1, 0), headers: new Dictionary<string, string> { [header] = value });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(server.Hub.ActiveStreams);
    }

    [Fact]
    public async Task Get_is_not_allowed()
    {
        await using var server = await PushServer.StartAsync();
        using var response = await server.Client.GetAsync("/live/movie/0.ts");
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
    }

    [Fact]
    public async Task Garbage_bodies_are_unprocessable_and_do_not_touch_other_streams()
    {
        var hub = new InMemoryMediaStreamHub(4096);
        await using var server = await PushServer.StartAsync(hub);
        (await server.PushAsync("/live/good/0.ts", SyntheticTs.Create(9, 0))).EnsureSuccessStatusCode();
        var subscription = hub.Subscribe("good")!;

        var random = new Random(1234);
        var good = SyntheticTs.Create(2, 0, payloadPackets: 3);
        List<byte[]> bodies = [[], new byte[188], good[..^1], [.. good, 0x47], "hello"u8.ToArray()];
        for (var i = 0; i < 40; i++)
        {
            var noise = new byte[random.Next(1, 4000)];
            random.NextBytes(noise);
            bodies.Add(noise);
            var mutated = (byte[])good.Clone();
            for (var m = 0; m < 1 + random.Next(8); m++)
            {
                mutated[random.Next(mutated.Length)] ^= (byte)(1 + random.Next(255));
            }

            if (!mutated.AsSpan().SequenceEqual(good) && TransportStreamProbeAccepts(mutated) is false)
            {
                bodies.Add(mutated);
            }
        }

        foreach (var (body, i) in bodies.Select((b, i) => (b, i)))
        {
            using var toGood = await server.PushAsync($"/live/good/{i + 1}.ts", body);
            using var toNew = await server.PushAsync($"/live/other{i}/0.ts", body);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, toGood.StatusCode);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, toNew.StatusCode);
        }

        using var mp4 = await server.PushAsync("/live/good/1.mp4", SyntheticTs.Create(1, 0));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, mp4.StatusCode);

        (await server.PushAsync("/live/good/1000.ts", SyntheticTs.Create(9, 1))).EnsureSuccessStatusCode();
        Assert.Equal(["good"], hub.ActiveStreams.Select(s => s.StreamId));
        await using var enumerator = subscription.ReadAllAsync(CancellationToken.None).GetAsyncEnumerator();
        Assert.True(await enumerator.MoveNextAsync());
        Assert.Equal(SyntheticTs.Create(9, 1), enumerator.Current.Data.ToArray());
        Assert.Equal(1, enumerator.Current.Sequence); // nothing refused reached the stream
    }

    [Fact]
    public async Task Bodies_over_max_seg_size_are_too_large()
    {
        await using var server = await PushServer.StartAsync(settings: new() { ["MaxSegSize"] = "100000" });
        var huge = new byte[2_000_000];
        using var declared = await server.PushAsync("/live/huge/0.ts", huge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);

        // Chunked (no Content-Length): cut off while reading.
        using var request = new HttpRequestMessage(HttpMethod.Put, "/live/huge/1.ts") { Content = new StreamContent(new MemoryStream(huge)) };
        request.Headers.TransferEncodingChunked = true;
        using var chunked = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        Assert.Empty(server.Hub.ActiveStreams);

        using var fits = await server.PushAsync("/live/huge/2.ts", SyntheticTs.Create(1, 0));
        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
    }

    [Fact]
    public async Task Streams_beyond_max_sessions_get_503()
    {
        var node = new NodeSettings(NodeRoles.Gateway, "offchain", AppContext.BaseDirectory) { MaxSessions = 2 };
        await using var server = await PushServer.StartAsync(node: node);
        (await server.PushAsync("/live/one/0.ts", SyntheticTs.Create(1, 0))).EnsureSuccessStatusCode();
        (await server.PushAsync("/live/two/0.ts", SyntheticTs.Create(1, 0))).EnsureSuccessStatusCode();
        using var third = await server.PushAsync("/live/three/0.ts", SyntheticTs.Create(1, 0));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, third.StatusCode);
        Assert.Equal("No sessions available\n", await third.Content.ReadAsStringAsync());
        (await server.PushAsync("/live/one/1.ts", SyntheticTs.Create(1, 1))).EnsureSuccessStatusCode(); // existing streams go on
    }

    [Fact]
    public async Task A_stream_id_taken_by_another_ingest_is_a_conflict()
    {
        var hub = new InMemoryMediaStreamHub();
        await using var rtmp = await hub.PublishAsync(new StreamDescriptor("taken", "rtmp"), CancellationToken.None);
        await using var server = await PushServer.StartAsync(hub);
        using var response = await server.PushAsync("/live/taken/0.ts", SyntheticTs.Create(1, 0));
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
    }

    [Fact]
    public async Task Auth_webhook_admits_with_200_and_refuses_otherwise()
    {
        var seen = new List<string>();
        await using var webhook = await StartWebhookAsync(async context =>
        {
            using var json = await JsonDocument.ParseAsync(context.Request.Body);
            var url = json.RootElement.GetProperty("url").GetString()!;
            lock (seen)
            {
                seen.Add(url);
            }

            context.Response.StatusCode = url.Contains("/live/allowed/", StringComparison.Ordinal) ? 200 : 401;
        });
        var node = new NodeSettings(NodeRoles.Gateway, "offchain", AppContext.BaseDirectory) { AuthWebhookUrl = new Uri(webhook.Url, "/auth") };
        await using var server = await PushServer.StartAsync(node: node);

        using var allowed = await server.PushAsync("/live/allowed/0.ts", SyntheticTs.Create(1, 0));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        (await server.PushAsync("/live/allowed/1.ts", SyntheticTs.Create(1, 1))).EnsureSuccessStatusCode();
        using var denied = await server.PushAsync("/live/denied/0.ts", SyntheticTs.Create(1, 0));
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);

        Assert.Equal([new Uri(server.BaseUri, "/live/allowed/0.ts").ToString(), new Uri(server.BaseUri, "/live/denied/0.ts").ToString()], seen);
        Assert.Equal(["allowed"], server.Hub.ActiveStreams.Select(s => s.StreamId));

        await webhook.DisposeAsync(); // an unreachable webhook refuses too
        using var down = await server.PushAsync("/live/later/0.ts", SyntheticTs.Create(1, 0));
        Assert.Equal(HttpStatusCode.Forbidden, down.StatusCode);
    }

    [Theory]
    [InlineData(null, "0.0.0.0", HttpStatusCode.NotFound)]
    [InlineData(null, "127.0.0.1", HttpStatusCode.OK)]
    [InlineData("true", "0.0.0.0", HttpStatusCode.OK)]
    [InlineData("false", "127.0.0.1", HttpStatusCode.NotFound)]
    public async Task Http_ingest_follows_httpIngest_and_the_listen_address(string? enabled, string host, HttpStatusCode expected)
    {
        await using var server = await PushServer.StartAsync(settings: new() { ["Enabled"] = enabled }, advertisedHost: host);
        using var response = await server.PushAsync("/live/x/0.ts", SyntheticTs.Create(1, 0));
        Assert.Equal(expected, response.StatusCode);
    }

    private static bool TransportStreamProbeAccepts(byte[] body) => TransportStreamProbe.Probe(body) is not null;

    private static async Task<Webhook> StartWebhookAsync(RequestDelegate handler)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.Run(handler);
        await app.StartAsync();
        return new Webhook(app, new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()));
    }

    private sealed class Webhook(WebApplication app, Uri url) : IAsyncDisposable
    {
        private int _disposed;

        public Uri Url { get; } = url;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                await app.StopAsync();
                await app.DisposeAsync();
            }
        }
    }
}
