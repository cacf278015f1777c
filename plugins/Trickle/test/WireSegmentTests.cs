using System.Net;
using System.Text;
using Livepeer.Abstractions.Channels;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>Publish and subscribe on the wire: the rows of the behaviour table in the README.</summary>
public sealed class WireSegmentTests
{
    [Fact]
    public async Task Publish_then_subscribe_returns_bytes_seq_mime_and_latest()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("ch", "application/json");
        using var post = await server.Client.PostAsync(TrickleServer.Path("ch", "0"), new StringContent("{\"a\":1}"));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("0", Header(post, "Lp-Trickle-Seq"));

        using var get = await server.Client.GetAsync(TrickleServer.Path("ch", "0"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("{\"a\":1}", await get.Content.ReadAsStringAsync());
        Assert.Equal("0", Header(get, "Lp-Trickle-Seq"));
        Assert.Equal("1", Header(get, "Lp-Trickle-Latest"));
        Assert.Equal("application/json", get.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task TestTrickle_SetSubStart_resolves_minus_one_and_minus_two()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("s");
        var live = server.Client.GetAsync(TrickleServer.Path("s", "-1"));
        await Task.Delay(50);
        Assert.False(live.IsCompleted); // -1 on an empty channel long-polls on seq 0
        (await server.Client.PostAsync(TrickleServer.Path("s", "0"), new StringContent("zero"))).Dispose();
        using (var first = await live.WaitAsync(TrickleServer.Timeout))
        {
            Assert.Equal("0", Header(first, "Lp-Trickle-Seq"));
            Assert.False(first.Headers.Contains("Lp-Trickle-Latest")); // at the live edge when asked
            Assert.Equal("zero", await first.Content.ReadAsStringAsync());
        }

        (await server.Client.PostAsync(TrickleServer.Path("s", "1"), new StringContent("one"))).Dispose();
        using var current = await server.Client.GetAsync(TrickleServer.Path("s", "-2"));
        Assert.Equal("1", Header(current, "Lp-Trickle-Seq"));
        Assert.Equal("one", await current.Content.ReadAsStringAsync());
        using var explicitZero = await server.Client.GetAsync(TrickleServer.Path("s", "0"));
        Assert.Equal("zero", await explicitZero.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Missing_segment_of_an_open_channel_answers_470_with_latest_and_seq()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("m");
        (await server.Client.PostAsync(TrickleServer.Path("m", "0"), new StringContent("x"))).Dispose();
        using var ahead = await server.Client.GetAsync(TrickleServer.Path("m", "3"));
        Assert.Equal(470, (int)ahead.StatusCode);
        Assert.Equal("1", Header(ahead, "Lp-Trickle-Latest"));
        Assert.Equal("3", Header(ahead, "Lp-Trickle-Seq"));
        Assert.Equal("Entry not found", await ahead.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TestTrickle_EmptySegment()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("e");
        using var post = await server.Client.PostAsync(TrickleServer.Path("e", "0"), new ByteArrayContent([]));
        Assert.Equal(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal("0", Header(post, "Lp-Trickle-Seq"));
        Assert.True(post.Headers.ConnectionClose);

        using var get = await server.Client.GetAsync(TrickleServer.Path("e", "0"));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Equal("0", Header(get, "Lp-Trickle-Seq"));
        Assert.Equal("1", Header(get, "Lp-Trickle-Latest"));
        Assert.False(get.Headers.Contains("Lp-Trickle-Closed"));
        Assert.Equal("", await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bytes_are_relayed_while_the_segment_is_written_to_every_subscriber()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("t");
        var subscribers = Enumerable.Range(0, 3)
            .Select(_ => server.Client.GetAsync(TrickleServer.Path("t", "0"), HttpCompletionOption.ResponseHeadersRead))
            .ToList();
        await Task.Delay(50);
        var body = new PipeContent();
        var post = server.Client.PostAsync(TrickleServer.Path("t", "0"), body);
        body.Write(Encoding.ASCII.GetBytes("head"));

        var streams = new List<Stream>();
        foreach (var pending in subscribers)
        {
            var response = await pending.WaitAsync(TrickleServer.Timeout);
            Assert.Equal("0", Header(response, "Lp-Trickle-Seq"));
            var stream = await response.Content.ReadAsStreamAsync();
            Assert.Equal("head", await ReadExactlyAsync(stream, 4));
            streams.Add(stream);
        }

        Assert.False(post.IsCompleted);
        body.Write(Encoding.ASCII.GetBytes("tail"));
        body.Complete();
        using (var done = await post.WaitAsync(TrickleServer.Timeout))
        {
            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
        }

        foreach (var stream in streams)
        {
            using var reader = new StreamReader(stream);
            Assert.Equal("tail", await reader.ReadToEndAsync().WaitAsync(TrickleServer.Timeout));
        }
    }

    [Fact]
    public async Task Preconnected_publish_and_subscribe_for_the_next_seq_wait_instead_of_failing()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("p");
        (await server.Client.PostAsync(TrickleServer.Path("p", "0"), new StringContent("a"))).Dispose();
        var body = new PipeContent();
        var post = server.Client.PostAsync(TrickleServer.Path("p", "1"), body);
        var get = server.Client.GetAsync(TrickleServer.Path("p", "1"));
        await Task.Delay(100);
        Assert.False(post.IsCompleted);
        Assert.False(get.IsCompleted);

        body.Write(Encoding.ASCII.GetBytes("b"));
        body.Complete();
        using var posted = await post.WaitAsync(TrickleServer.Timeout);
        using var got = await get.WaitAsync(TrickleServer.Timeout);
        Assert.Equal("1", Header(posted, "Lp-Trickle-Seq"));
        Assert.Equal("b", await got.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TestTrickle_Reset_a_second_post_to_the_same_seq_appends()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("r");
        var first = new PipeContent();
        var second = new PipeContent();
        var post1 = server.Client.PostAsync(TrickleServer.Path("r", "0"), first);
        first.Write(Encoding.ASCII.GetBytes("Hello"));
        await WireChannelTests.Eventually(() => server.Registry.Find("r")!.NextWrite == 1);
        var post2 = server.Client.PostAsync(TrickleServer.Path("r", "0"), second);
        second.Write(Encoding.ASCII.GetBytes("GoodbyWorld"));
        second.Complete();
        (await post2.WaitAsync(TrickleServer.Timeout)).Dispose();
        first.Complete();
        (await post1.WaitAsync(TrickleServer.Timeout)).Dispose();

        using var get = await server.Client.GetAsync(TrickleServer.Path("r", "0"));
        Assert.Equal("HelloGoodbyWorld", await get.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task TestTrickle_PublisherReset_closes_lower_segments_and_writes_the_next()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("pr", "text/plain");
        var partial = new PipeContent();
        var post0 = server.Client.PostAsync(TrickleServer.Path("pr", "0"), partial);
        partial.Write(Encoding.ASCII.GetBytes("Hello"));
        using var reader = await server.Client.GetAsync(TrickleServer.Path("pr", "0"), HttpCompletionOption.ResponseHeadersRead);
        var readAll = reader.Content.ReadAsStringAsync();

        using var reset = new HttpRequestMessage(HttpMethod.Post, TrickleServer.Path("pr", "-1")) { Content = new StringContent("after-reset") };
        reset.Headers.Add("Lp-Trickle-Reset", "true");
        using var resetResponse = await server.Client.SendAsync(reset);
        Assert.Equal("1", Header(resetResponse, "Lp-Trickle-Seq"));

        Assert.Equal("Hello", await readAll.WaitAsync(TrickleServer.Timeout)); // unblocked by the reset
        using var again = await server.Client.GetAsync(TrickleServer.Path("pr", "0"));
        Assert.Equal("Hello", await again.Content.ReadAsStringAsync());
        using var next = await server.Client.GetAsync(TrickleServer.Path("pr", "1"));
        Assert.Equal("after-reset", await next.Content.ReadAsStringAsync());
        partial.Complete();
        (await post0.WaitAsync(TrickleServer.Timeout)).Dispose();
    }

    [Fact]
    public async Task Delete_segment_wakes_its_preconnected_publish_and_subscribe()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("ds");
        await using var post = await PreconnectAsync(server, "ds", "0");
        var get = server.Client.GetAsync(TrickleServer.Path("ds", "0"));
        await WireChannelTests.Eventually(() => server.Registry.Counters.Requests == 2);

        using (var missing = await server.Client.DeleteAsync(TrickleServer.Path("ds", "3")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
            Assert.Equal("Nonexistent segment\n", await missing.Content.ReadAsStringAsync());
        }

        using (var bad = await server.Client.DeleteAsync(TrickleServer.Path("ds", "x")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        }

        using (var unknown = await server.Client.DeleteAsync(TrickleServer.Path("none", "0")))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        }

        using var closed = await server.Client.DeleteAsync(TrickleServer.Path("ds", "0"));
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);
        var (status, headers) = await post.ReadHeadAsync(TrickleServer.Timeout);
        Assert.Equal(200, status);
        Assert.Equal("0", headers["lp-trickle-seq"]);
        Assert.Equal("close", headers["connection"]);
        using var got = await get.WaitAsync(TrickleServer.Timeout);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal("0", Header(got, "Lp-Trickle-Seq"));
        Assert.Contains(Header(got, "Lp-Trickle-Latest"), new[] { "0", "1" }); // races the woken publish moving the head, as upstream
    }

    [Fact]
    public async Task TestTrickle_Close_deleting_the_channel_ends_waiters_with_closed()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("dc");
        (await server.Client.PostAsync(TrickleServer.Path("dc", "0"), new StringContent("a"))).Dispose();
        (await server.Client.PostAsync(TrickleServer.Path("dc", "1"), new StringContent("b"))).Dispose();
        var get = server.Client.GetAsync(TrickleServer.Path("dc", "2"));
        await using var post = await PreconnectAsync(server, "dc", "2");
        await WireChannelTests.Eventually(() => server.Registry.Counters.Requests == 2);

        (await server.Client.DeleteAsync(TrickleServer.Path("dc"))).Dispose();
        using var got = await get.WaitAsync(TrickleServer.Timeout);
        Assert.Equal(HttpStatusCode.OK, got.StatusCode);
        Assert.Equal("terminated", Header(got, "Lp-Trickle-Closed"));
        Assert.Equal("2", Header(got, "Lp-Trickle-Latest"));
        var (status, headers) = await post.ReadHeadAsync(TrickleServer.Timeout);
        Assert.Equal(200, status);
        Assert.Equal("terminated", headers["lp-trickle-closed"]);
        using var after = await server.Client.GetAsync(TrickleServer.Path("dc", "0"));
        Assert.Equal(HttpStatusCode.NotFound, after.StatusCode);
    }

    [Fact]
    public async Task Oversized_segment_answers_413_and_ends_it()
    {
        await using var server = await TrickleServer.StartAsync(new() { ["MaxSegmentBytes"] = "1000" });
        await server.CreateAsync("big");
        using var post = await server.Client.PostAsync(TrickleServer.Path("big", "0"), new ByteArrayContent(new byte[5000]));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, post.StatusCode);
        Assert.Equal("Segment too large\n", await post.Content.ReadAsStringAsync());
        using var get = await server.Client.GetAsync(TrickleServer.Path("big", "0"));
        Assert.True((await get.Content.ReadAsByteArrayAsync()).Length <= 1000);
    }

    [Fact]
    public async Task A_subscriber_lapped_by_the_ring_gets_the_end()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("lap");
        var body = new PipeContent();
        var post0 = server.Client.PostAsync(TrickleServer.Path("lap", "0"), body);
        body.Write([1, 2, 3]);
        using var reader = await server.Client.GetAsync(TrickleServer.Path("lap", "0"), HttpCompletionOption.ResponseHeadersRead);
        var all = reader.Content.ReadAsByteArrayAsync();
        (await server.Client.PostAsync(TrickleServer.Path("lap", "5"), new ByteArrayContent([9]))).Dispose();
        Assert.Equal([1, 2, 3], await all.WaitAsync(TrickleServer.Timeout));
        body.Complete();
        (await post0.WaitAsync(TrickleServer.Timeout)).Dispose();
    }

    [Theory]
    [InlineData("GET", "x")]
    [InlineData("GET", "-3")]
    [InlineData("POST", "-2")]
    [InlineData("POST", "1.5")]
    [InlineData("GET", "99999999999999999999")]
    public async Task Invalid_idx_answers_400(string method, string idx)
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("i");
        using var request = new HttpRequestMessage(new HttpMethod(method), TrickleServer.Path("i", idx)) { Content = method == "POST" ? new ByteArrayContent([1]) : null };
        using var response = await server.Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("Invalid idx\n", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task In_process_and_http_see_the_same_channels()
    {
        await using var server = await TrickleServer.StartAsync();
        await server.CreateAsync("mix", "video/MP2T");
        await using var subscriber = server.Channels.OpenSubscriber("mix", 0);
        await using (var publisher = server.Channels.OpenPublisher("mix"))
        {
            await publisher.WriteSegmentAsync(Encoding.ASCII.GetBytes("local"), CancellationToken.None);
        }

        using var get = await server.Client.GetAsync(TrickleServer.Path("mix", "0"));
        Assert.Equal("local", await get.Content.ReadAsStringAsync());
        Assert.Equal("video/MP2T", get.Content.Headers.ContentType?.MediaType);

        (await server.Client.PostAsync(TrickleServer.Path("mix", "1"), new StringContent("remote"))).Dispose();
        await using (var local = (await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(TrickleServer.Timeout))!)
        {
            Assert.Equal(0, local.Sequence);
        }

        await using var second = (await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(TrickleServer.Timeout))!;
        Assert.Equal(1, second.Sequence);
        Assert.Equal("remote", Encoding.ASCII.GetString(await second.ReadAllAsync(1000, CancellationToken.None)));
    }

    internal static async Task<RawHttp> PreconnectAsync(TrickleServer server, string channel, string idx)
    {
        var raw = await RawHttp.ConnectAsync(server.BaseUri);
        await raw.SendAsync($"POST {TrickleServer.Path(channel, idx)} HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\nContent-Type: video/MP2T\r\n\r\n");
        return raw;
    }

    internal static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : null;

    private static async Task<string> ReadExactlyAsync(Stream stream, int count)
    {
        var buffer = new byte[count];
        await stream.ReadExactlyAsync(buffer).AsTask().WaitAsync(TrickleServer.Timeout);
        return Encoding.ASCII.GetString(buffer);
    }
}
