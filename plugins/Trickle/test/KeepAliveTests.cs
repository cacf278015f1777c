using System.Text;
using Livepeer.Abstractions.Conformance.Fakes;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>
/// Upstream writes "100 Continue" every 10 s to an idle publish; Kestrel cannot send arbitrary 1xx, so the
/// plugin keeps the request alive instead (see README): these facts pin what it does.
/// </summary>
public sealed class KeepAliveTests
{
    [Fact]
    public async Task Idle_publish_ticks_every_first_byte_timeout_and_still_completes()
    {
        var time = new ManualTimeProvider();
        await using var server = await TrickleServer.StartAsync(time: time);
        await server.CreateAsync("k");
        var body = new PipeContent();
        var post = server.Client.PostAsync(TrickleServer.Path("k", "0"), body);
        await WireChannelTests.Eventually(() => server.Registry.Counters.Requests == 1 && time.ActiveTimers >= 2);

        time.Advance(TimeSpan.FromSeconds(10));
        await WireChannelTests.Eventually(() => server.Registry.Counters.KeepAlives == 1 && time.ActiveTimers >= 2); // the next tick is armed
        time.Advance(TimeSpan.FromSeconds(10));
        await WireChannelTests.Eventually(() => server.Registry.Counters.KeepAlives == 2);
        Assert.False(post.IsCompleted);

        body.Write(Encoding.ASCII.GetBytes("late"));
        body.Complete();
        using var response = await post.WaitAsync(TrickleServer.Timeout);
        Assert.Equal("0", WireSegmentTests.Header(response, "Lp-Trickle-Seq"));
    }

    [Fact]
    public async Task Idle_publish_is_not_cut_by_kestrels_minimum_body_data_rate()
    {
        await using var server = await TrickleServer.StartAsync(kestrel: k => k.Limits.MinRequestBodyDataRate = new MinDataRate(240, TimeSpan.FromSeconds(1.1)));
        await server.CreateAsync("rate");
        var body = new PipeContent();
        var post = server.Client.PostAsync(TrickleServer.Path("rate", "0"), body);
        await Task.Delay(TimeSpan.FromSeconds(2.5)); // over two grace periods with no byte
        body.Write([1, 2, 3]);
        body.Complete();
        using var response = await post.WaitAsync(TrickleServer.Timeout);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Expect_100_continue_is_answered_with_100_continue()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("x");
        await using var raw = await RawHttp.ConnectAsync(server.BaseUri);
        await raw.SendAsync($"POST {TrickleServer.Path("x", "0")} HTTP/1.1\r\nHost: t\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\n");
        var (status, _) = await raw.ReadHeadAsync(TrickleServer.Timeout);
        Assert.Equal(100, status);
        await raw.SendAsync("", [7, 8]);
        var (final, headers) = await raw.ReadHeadAsync(TrickleServer.Timeout);
        Assert.Equal(200, final);
        Assert.Equal("0", headers["lp-trickle-seq"]);
    }
}
