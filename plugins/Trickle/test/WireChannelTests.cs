using System.Net;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance.Fakes;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>Channel-level wire behaviour (upstream trickle_test.go names where one exists).</summary>
public sealed class WireChannelTests
{
    [Fact]
    public async Task TestTrickle_HTTPCreateContract_create_without_autocreate_returns_not_found()
    {
        await using var server = await TrickleServer.StartAsync();
        using var response = await server.Client.PostAsync(TrickleServer.Path("nope"), null);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("Stream not found\n", await response.Content.ReadAsStringAsync());
        Assert.Null(server.Channels.GetChannel("nope"));
    }

    [Fact]
    public async Task TestTrickle_HTTPCreateContract_publish_without_autocreate_returns_not_found()
    {
        await using var server = await TrickleServer.StartAsync();
        using var response = await server.Client.PostAsync(TrickleServer.Path("nope", "0"), new ByteArrayContent([1, 2]));
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose);
    }

    [Fact]
    public async Task TestTrickle_HTTPCreateContract_create_with_autocreate_succeeds()
    {
        await using var server = await TrickleServer.StartAsync(new() { ["Autocreate"] = "true" });
        using var request = new HttpRequestMessage(HttpMethod.Post, TrickleServer.Path("auto"));
        request.Headers.Add("Expect-Content", "application/json");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", server.Channels.GetChannel("auto")?.MimeType);
    }

    [Fact]
    public async Task TestTrickle_HTTPCreateContract_publish_with_autocreate_succeeds()
    {
        await using var server = await TrickleServer.StartAsync(new() { ["Autocreate"] = "true" });
        var content = new ByteArrayContent([1, 2, 3]);
        content.Headers.ContentType = new("text/plain");
        using var response = await server.Client.PostAsync(TrickleServer.Path("auto", "0"), content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("0", response.Headers.GetValues("Lp-Trickle-Seq").Single());
        Assert.Equal("text/plain", server.Channels.GetChannel("auto")?.MimeType);
    }

    [Fact]
    public async Task Create_of_an_existing_channel_answers_200_and_keeps_its_mime()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("c", "video/MP2T");
        using var request = new HttpRequestMessage(HttpMethod.Post, TrickleServer.Path("c"));
        request.Headers.Add("Expect-Content", "application/json");
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", await response.Content.ReadAsStringAsync());
        Assert.Equal("video/MP2T", server.Channels.GetChannel("c")?.MimeType);
    }

    [Theory]
    [InlineData(403, "forbidden", 403)]
    [InlineData(0, "generic", 500)]
    public async Task TestTrickle_BeforeCreate_and_BeforeDelete_refusals(int status, string message, int expected)
    {
        var hook = new RecordingHook(status, message);
        await using var server = await TrickleServer.StartAsync(new() { ["Autocreate"] = "true" }, services: s => s.AddSingleton<ISegmentChannelHooks>(hook));
        await server.CreateAsync("kept");

        using var create = await server.Client.PostAsync(TrickleServer.Path("x"), null);
        using var delete = await server.Client.DeleteAsync(TrickleServer.Path("kept"));

        Assert.Equal(expected, (int)create.StatusCode);
        Assert.Equal(expected, (int)delete.StatusCode);
        Assert.Equal(message + "\n", await create.Content.ReadAsStringAsync());
        Assert.Null(server.Channels.GetChannel("x"));
        Assert.NotNull(server.Channels.GetChannel("kept"));
        Assert.Equal(["create x", "delete kept"], hook.Calls);
    }

    [Fact]
    public async Task TestTrickle_BeforeCreate_called_before_creation()
    {
        var hook = new RecordingHook(-1, "");
        await using var server = await TrickleServer.StartAsync(new() { ["Autocreate"] = "true" }, services: s => s.AddSingleton<ISegmentChannelHooks>(hook));
        using var create = await server.Client.PostAsync(TrickleServer.Path("x"), null);
        using var delete = await server.Client.DeleteAsync(TrickleServer.Path("x"));
        Assert.Equal(HttpStatusCode.OK, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(["create x", "delete x"], hook.Calls);
    }

    [Fact]
    public async Task TestTrickle_Delete()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("d");
        using var first = await server.Client.DeleteAsync(TrickleServer.Path("d"));
        using var second = await server.Client.DeleteAsync(TrickleServer.Path("d"));
        using var get = await server.Client.GetAsync(TrickleServer.Path("d", "0"));
        using var post = await server.Client.PostAsync(TrickleServer.Path("d", "0"), new ByteArrayContent([1]));

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Equal("Invalid stream\n", await second.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }

    [Fact]
    public async Task Next_answers_the_write_head_in_body_and_header()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("n");
        using var empty = await server.Client.GetAsync(TrickleServer.Path("n", "next"));
        Assert.Equal("0", await empty.Content.ReadAsStringAsync());
        Assert.Equal("0", empty.Headers.GetValues("Lp-Trickle-Latest").Single());

        (await server.Client.PostAsync(TrickleServer.Path("n", "0"), new ByteArrayContent([1]))).Dispose();
        (await server.Client.PostAsync(TrickleServer.Path("n", "1"), new ByteArrayContent([1]))).Dispose();
        using var two = await server.Client.GetAsync(TrickleServer.Path("n", "next"));
        Assert.Equal("2", await two.Content.ReadAsStringAsync());
        Assert.False(two.Headers.Contains("Lp-Trickle-Closed"));
        using var missing = await server.Client.GetAsync(TrickleServer.Path("zz", "next"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task TestTrickle_IdleSweep_closes_idle_channels_but_not_underscore_ones()
    {
        var time = new ManualTimeProvider();
        await using var server = await TrickleServer.StartAsync(time: time);
        await server.CreateAsync("idle");
        await server.CreateAsync("_exempt");
        await server.CreateAsync("busy");
        time.Advance(TimeSpan.FromMinutes(4));
        (await server.Client.PostAsync(TrickleServer.Path("busy", "0"), new ByteArrayContent([1]))).Dispose();
        time.Advance(TimeSpan.FromMinutes(2));

        await Eventually(() => server.Channels.GetChannel("idle") is null);
        using var get = await server.Client.GetAsync(TrickleServer.Path("idle", "0"));
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.NotNull(server.Channels.GetChannel("_exempt"));
        Assert.NotNull(server.Channels.GetChannel("busy"));
    }

    [Fact]
    public async Task Channel_limit_answers_429()
    {
        await using var server = await TrickleServer.StartAsync(new() { ["Autocreate"] = "true", ["MaxChannels"] = "2" });
        (await server.Client.PostAsync(TrickleServer.Path("a"), null)).Dispose();
        (await server.Client.PostAsync(TrickleServer.Path("b"), null)).Dispose();
        using var third = await server.Client.PostAsync(TrickleServer.Path("c"), null);
        using var publish = await server.Client.PostAsync(TrickleServer.Path("d", "0"), new ByteArrayContent([1]));
        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.Equal("Too many channels\n", await third.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.TooManyRequests, publish.StatusCode);
        await Assert.ThrowsAsync<SegmentChannelException>(() => server.Channels.CreateChannelAsync("e", "x", CancellationToken.None).AsTask());
    }

    [Fact]
    public async Task Channel_url_is_the_service_base_plus_base_path_plus_name()
    {
        await using var server = await TrickleServer.StartAsync(services: s => s.AddSingleton<Livepeer.Abstractions.INodeAddresses>(new FixedAddresses(new Uri("https://o.example:8935/"))));
        var info = await server.Channels.CreateChannelAsync("a b", "video/MP2T", CancellationToken.None);
        Assert.Equal("https://o.example:8935/ai/trickle/a%20b", info.Url?.AbsoluteUri);
    }

    internal static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TrickleServer.Timeout;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not hold in time.");
            await Task.Delay(10);
        }
    }

    private sealed class RecordingHook(int status, string message) : ISegmentChannelHooks
    {
        public List<string> Calls { get; } = [];

        public ValueTask BeforeCreateAsync(string name, CancellationToken cancellationToken) => Run("create " + name);

        public ValueTask BeforeDeleteAsync(string name, CancellationToken cancellationToken) => Run("delete " + name);

        private ValueTask Run(string call)
        {
            Calls.Add(call);
            return status switch
            {
                -1 => ValueTask.CompletedTask,
                0 => throw new InvalidOperationException(message),
                _ => throw new SegmentChannelRefusedException(status, message),
            };
        }
    }

    private sealed class FixedAddresses(Uri service) : Livepeer.Abstractions.INodeAddresses
    {
        public Uri? GetBaseUri(Livepeer.Abstractions.NodeListener listener) => listener == Livepeer.Abstractions.NodeListener.Service ? service : null;
    }
}
