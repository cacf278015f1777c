using Livepeer.Abstractions.Channels;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Livepeer.Plugins.Trickle.Tests.Client;

/// <summary>Clients against a server that misbehaves on purpose; every case ends within a bounded time.</summary>
[Collection(ClientTestCollection.Name)]
public sealed class FaultInjectionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task Publish_answered_500_before_its_first_byte_is_retried_once_and_delivered()
    {
        var refused = 0;
        await using var server = await TlsTrickleServer.StartAsync(async (context, next) =>
        {
            if (context.Request.Method == "POST" && context.Request.Path.Value!.EndsWith("/1", StringComparison.Ordinal) && Interlocked.Exchange(ref refused, 1) == 0)
            {
                context.Response.StatusCode = 500; // the pre-connect of segment 1, refused at once
                return;
            }

            await next(context);
        });
        var url = await server.CreateAsync("r500");
        using var clients = TlsTrickleServer.HttpClients();
        await using var subscriber = clients.OpenSubscriber(url, 0);
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        await publisher.WriteSegmentAsync(new byte[] { 0 }, CancellationToken.None);
        await TrickleClientTests.WaitUntilAsync(() => Volatile.Read(ref refused) == 1);
        await Task.Delay(100);
        Assert.Equal(1, await publisher.WriteSegmentAsync(new byte[] { 1 }, CancellationToken.None).AsTask().WaitAsync(Limit));
        for (var i = 0; i < 2; i++)
        {
            await using var segment = await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit);
            Assert.Equal([(byte)i], await segment!.ReadAllAsync(16, CancellationToken.None));
        }

        Assert.Equal(2, server.Count("POST /ai/trickle/r500/1 "));
    }

    [Fact]
    public async Task Three_failed_segments_in_a_row_end_the_publisher()
    {
        await using var server = await TlsTrickleServer.StartAsync(async (context, next) =>
        {
            if (context.Request.Method == "POST")
            {
                context.Response.StatusCode = 500;
                return;
            }

            await next(context);
        });
        var url = await server.CreateAsync("f3");
        using var clients = TlsTrickleServer.HttpClients();
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        var failures = 0;
        for (var i = 0; i < 3; i++)
        {
            try
            {
                await publisher.WriteSegmentAsync(new byte[] { 1, 2 }, CancellationToken.None).AsTask().WaitAsync(Limit);
            }
            catch (SegmentChannelException)
            {
                failures++;
            }
        }

        Assert.InRange(failures, 0, 3); // a failure shows at once when the refusal is seen before the first byte, else at completion
        var terminal = await Assert.ThrowsAsync<SegmentChannelException>(async () => await publisher.BeginSegmentAsync(CancellationToken.None));
        Assert.Contains("3 times", terminal.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Closed_header_on_a_publish_answer_ends_the_publisher()
    {
        await using var server = await TlsTrickleServer.StartAsync(async (context, next) =>
        {
            if (context.Request.Method == "POST")
            {
                await context.Request.Body.CopyToAsync(Stream.Null);
                context.Response.Headers["Lp-Trickle-Closed"] = "terminated";
                return;
            }

            await next(context);
        });
        var url = await server.CreateAsync("eos");
        using var clients = TlsTrickleServer.HttpClients();
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        await publisher.WriteSegmentAsync(new byte[] { 1 }, CancellationToken.None).AsTask().WaitAsync(Limit);
        await Assert.ThrowsAsync<SegmentChannelNotFoundException>(async () => await publisher.BeginSegmentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Subscriber_jumps_to_latest_on_470_after_falling_behind_the_ring()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("lap");
        using var clients = TlsTrickleServer.HttpClients();
        await using (var publisher = clients.OpenPublisher(url, "video/MP2T"))
        {
            for (var i = 0; i < 8; i++)
            {
                await publisher.WriteSegmentAsync(new[] { (byte)i }, CancellationToken.None);
            }
        }

        await using var subscriber = clients.OpenSubscriber(url, 0); // 0 was lapped: 470 with Latest 8
        var reading = subscriber.NextSegmentAsync(CancellationToken.None).AsTask();
        await TrickleClientTests.WaitUntilAsync(() => server.Count("GET /ai/trickle/lap/8 ") == 1);
        await using (var late = clients.OpenPublisher(url, "video/MP2T"))
        {
            await late.WriteSegmentAsync(new byte[] { 8 }, CancellationToken.None);
        }

        await using var segment = await reading.WaitAsync(Limit);
        Assert.Equal(8, segment!.Sequence);
        Assert.Equal(1, server.Count("GET /ai/trickle/lap/0 "));
    }

    [Fact]
    public async Task Subscriber_retries_errors_and_then_reads()
    {
        var errors = 0;
        await using var server = await TlsTrickleServer.StartAsync(async (context, next) =>
        {
            if (context.Request.Method == "GET" && Interlocked.Increment(ref errors) <= 3)
            {
                context.Response.StatusCode = 500;
                return;
            }

            await next(context);
        });
        var url = await server.CreateAsync("e500");
        await using (var publisher = server.Channels.OpenPublisher("e500"))
        {
            await publisher.WriteSegmentAsync(new byte[] { 5 }, CancellationToken.None);
        }

        using var clients = TlsTrickleServer.HttpClients();
        await using var subscriber = clients.OpenSubscriber(url, 0);
        await using var segment = await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit);
        Assert.Equal([5], await segment!.ReadAllAsync(16, CancellationToken.None));
        Assert.Equal(4, server.Count("GET /ai/trickle/e500/0 "));
    }

    [Fact]
    public async Task Subscriber_gives_up_after_five_failed_attempts()
    {
        await using var server = await TlsTrickleServer.StartAsync(async (context, next) =>
        {
            if (context.Request.Method == "GET")
            {
                context.Response.StatusCode = 503;
                return;
            }

            await next(context);
        });
        var url = await server.CreateAsync("down");
        using var clients = TlsTrickleServer.HttpClients();
        await using var subscriber = clients.OpenSubscriber(url, 0);
        await Assert.ThrowsAsync<SegmentChannelException>(async () => await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit));
        Assert.Equal(5, server.Count("GET /ai/trickle/down/0 "));
    }

    [Fact]
    public async Task Connection_closed_mid_segment_fails_that_segment_and_the_next_still_arrives()
    {
        var cut = 0;
        await using var server = await TlsTrickleServer.StartAsync(async (context, next) =>
        {
            if (context.Request.Method == "GET" && context.Request.Path.Value!.EndsWith("/0", StringComparison.Ordinal) && Interlocked.Exchange(ref cut, 1) == 0)
            {
                context.Response.Headers["Lp-Trickle-Seq"] = "0";
                await context.Response.Body.WriteAsync(new byte[] { 1, 2, 3 });
                await context.Response.Body.FlushAsync();
                context.Features.Get<IHttpResetFeature>()?.Reset(2); // HTTP/2 INTERNAL_ERROR
                context.Abort();
                return;
            }

            await next(context);
        });
        var url = await server.CreateAsync("cut");
        using var clients = TlsTrickleServer.HttpClients();
        await using var subscriber = clients.OpenSubscriber(url, 0);
        await using (var publisher = server.Channels.OpenPublisher("cut"))
        {
            await publisher.WriteSegmentAsync(new byte[] { 0 }, CancellationToken.None);
            await publisher.WriteSegmentAsync(new byte[] { 1 }, CancellationToken.None);
        }

        await using (var broken = await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit))
        {
            Assert.Equal(0, broken!.Sequence);
            await Assert.ThrowsAnyAsync<IOException>(async () => await broken.ReadAllAsync(1024, CancellationToken.None).AsTask().WaitAsync(Limit));
        }

        await using var next = await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit);
        Assert.Equal(1, next!.Sequence);
        Assert.Equal([1], await next.ReadAllAsync(16, CancellationToken.None));
    }

    [Fact]
    public async Task Slow_preconnect_is_reissued_until_the_segment_starts()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("slow");
        var options = TlsTrickleServer.FastOptions() with { PreconnectRefresh = TimeSpan.FromMilliseconds(150) };
        using var clients = TlsTrickleServer.HttpClients(options);
        await using var subscriber = clients.OpenSubscriber(url, 0);
        var reading = subscriber.NextSegmentAsync(CancellationToken.None).AsTask();
        await TrickleClientTests.WaitUntilAsync(() => server.Count("GET /ai/trickle/slow/0 ") >= 3);
        Assert.False(reading.IsCompleted);
        await using (var publisher = server.Channels.OpenPublisher("slow"))
        {
            await publisher.WriteSegmentAsync(new byte[] { 3 }, CancellationToken.None);
        }

        await using var segment = await reading.WaitAsync(Limit);
        Assert.Equal([3], await segment!.ReadAllAsync(16, CancellationToken.None));
    }

    [Fact]
    public async Task Publisher_cut_mid_segment_abandons_it_with_a_delete_so_subscribers_end()
    {
        var cut = 0;
        await using var server = await TlsTrickleServer.StartAsync(async (context, next) =>
        {
            if (context.Request.Method == "POST" && context.Request.Path.Value!.EndsWith("/0", StringComparison.Ordinal) && Interlocked.Exchange(ref cut, 1) == 0)
            {
                var buffer = new byte[1];
                await context.Request.Body.ReadExactlyAsync(buffer); // take the first byte, then drop the connection
                context.Abort();
                return;
            }

            await next(context);
        });
        var url = await server.CreateAsync("abandon");
        using var clients = TlsTrickleServer.HttpClients();
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        var writer = await publisher.BeginSegmentAsync(CancellationToken.None);
        var error = await Record.ExceptionAsync(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await writer.WriteAsync(new byte[1024], CancellationToken.None).AsTask().WaitAsync(Limit);
                await Task.Delay(5);
            }

            await writer.DisposeAsync();
        });
        await writer.DisposeAsync();
        await TrickleClientTests.WaitUntilAsync(() => server.Count("DELETE /ai/trickle/abandon/0 ") == 1);
        Assert.True(error is null or SegmentChannelException, error?.ToString() + string.Join("\n", server.Requests));
        Assert.True(server.Count("DELETE /ai/trickle/abandon/0 ") == 1, error?.ToString() + string.Join("\n", server.Requests));
        Assert.Equal(1, server.Count("DELETE /ai/trickle/abandon/0 "));
    }
}
