using System.Net;
using System.Security.Authentication;
using System.Text;
using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Client;
using Microsoft.Extensions.Logging.Abstractions;

namespace Livepeer.Plugins.Trickle.Tests.Client;

/// <summary>The HTTP clients against the plugin's server over TLS (upstream trickle_test.go client names).</summary>
[Collection(ClientTestCollection.Name)]
public sealed class TrickleClientTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(10);

    [Fact]
    public async Task TestTrickle_TLSDefaultValidatesCertificates()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("tls");
        using var clients = TlsTrickleServer.HttpClients(TlsTrickleServer.FastOptions(insecure: false));
        await using var subscriber = clients.OpenSubscriber(url, 0);
        var error = await Assert.ThrowsAsync<SegmentChannelException>(async () => await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit));
        Assert.Contains(Chain(error), e => e is AuthenticationException);
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        var writer = await publisher.BeginSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit);
        await Assert.ThrowsAsync<SegmentChannelException>(async () => await writer.WriteAsync(new byte[] { 1 }, CancellationToken.None).AsTask().WaitAsync(Limit));
        Assert.Equal(0, server.Count("POST /ai/trickle/tls/")); // nothing got through the handshake
    }

    [Theory]
    [InlineData("2.0", "HTTP/2")]
    [InlineData("1.1", "HTTP/1.1")]
    public async Task TestTrickle_InsecureSkipVerifyAllowsSelfSignedCertificates(string version, string protocol)
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("insecure");
        using var clients = TlsTrickleServer.HttpClients(TlsTrickleServer.FastOptions() with { HttpVersion = Version.Parse(version) });
        await RoundTripAsync(clients, url);
        Assert.Contains(server.Requests.ToArray(), r => r == $"POST /ai/trickle/insecure/0 {protocol}");
        Assert.Contains(server.Requests.ToArray(), r => r == $"GET /ai/trickle/insecure/-1 {protocol}");
    }

    [Fact]
    public async Task Pinned_certificate_is_accepted_and_a_wrong_pin_is_refused()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("pin");
        using (var pinned = TlsTrickleServer.HttpClients(TlsTrickleServer.FastOptions(insecure: false) with { PinnedCertificateSha256 = TrickleHttp.Sha256Hex(TlsTrickleServer.Certificate) }))
        {
            await RoundTripAsync(pinned, url);
        }

        using var wrong = TlsTrickleServer.HttpClients(TlsTrickleServer.FastOptions(insecure: true) with { PinnedCertificateSha256 = new string('a', 64) });
        await using var subscriber = wrong.OpenSubscriber(url, 0);
        await Assert.ThrowsAsync<SegmentChannelException>(async () => await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit));
    }

    [Fact]
    public async Task Publisher_starts_at_next_with_reset_and_preconnects_the_following_segment()
    {
        var resets = new List<string>();
        await using var server = await TlsTrickleServer.StartAsync(async (context, next) =>
        {
            if (context.Request.Method == "POST")
            {
                lock (resets)
                {
                    resets.Add(context.Request.Path + "=" + context.Request.Headers["Lp-Trickle-Reset"]);
                }
            }

            await next(context);
        });
        var url = await server.CreateAsync("start");
        await using (var first = server.Channels.OpenPublisher("start"))
        {
            await first.WriteSegmentAsync(new byte[] { 1 }, CancellationToken.None);
            await first.WriteSegmentAsync(new byte[] { 2 }, CancellationToken.None);
        }

        using var clients = TlsTrickleServer.HttpClients();
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        Assert.Equal(2, await publisher.WriteSegmentAsync(new byte[] { 3 }, CancellationToken.None).AsTask().WaitAsync(Limit));
        await WaitUntilAsync(() => server.Count("POST /ai/trickle/start/3 ") == 1); // the pre-connect, before segment 3 begins
        Assert.Equal(3, await publisher.WriteSegmentAsync(new byte[] { 4 }, CancellationToken.None).AsTask().WaitAsync(Limit));
        Assert.Equal(1, server.Count("GET /ai/trickle/start/next "));
        Assert.Equal(1, server.Count("POST /ai/trickle/start/3 "));
        lock (resets)
        {
            Assert.Contains("/ai/trickle/start/2=1", resets); // concurrent streams may reach the server in either order
            Assert.All(resets.Where(r => r != "/ai/trickle/start/2=1"), r => Assert.EndsWith("=", r, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Bytes_are_streamed_as_written_not_buffered_per_segment()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("stream");
        using var clients = TlsTrickleServer.HttpClients();
        await using var subscriber = clients.OpenSubscriber(url);
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        await using var writer = await publisher.BeginSegmentAsync(CancellationToken.None);
        var segment = await Next(subscriber, writeFirst: () => writer.WriteAsync(Encoding.ASCII.GetBytes("a"), CancellationToken.None).AsTask());
        await using (segment)
        {
            var buffer = new byte[16];
            for (var i = 0; i < 50; i++)
            {
                var piece = Encoding.ASCII.GetBytes(i.ToString("D2", System.Globalization.CultureInfo.InvariantCulture));
                if (i > 0)
                {
                    await writer.WriteAsync(piece, CancellationToken.None);
                }

                var expected = i == 0 ? 1 : 2;
                var read = 0;
                while (read < expected)
                {
                    read += await segment.Content.ReadAsync(buffer.AsMemory(read, expected - read)).AsTask().WaitAsync(Limit);
                }
            }
        }
    }

    [Fact]
    public async Task TestTrickle_Close_deletes_the_channel_and_ends_subscribers()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("close");
        using var clients = TlsTrickleServer.HttpClients();
        await using var subscriber = clients.OpenSubscriber(url);
        var publisher = (TricklePublisher)clients.OpenPublisher(url, "video/MP2T");
        await publisher.WriteSegmentAsync(new byte[] { 1 }, CancellationToken.None);
        await using (var first = await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit))
        {
            Assert.Equal(0, first!.Sequence);
        }

        var waiting = subscriber.NextSegmentAsync(CancellationToken.None).AsTask();
        Assert.True(await publisher.CloseAsync(CancellationToken.None));
        Assert.Null(await waiting.WaitAsync(Limit));
        Assert.Null(server.Registry.Find("close"));
        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await publisher.BeginSegmentAsync(CancellationToken.None));
    }

    [Fact]
    public async Task TestTrickle_CancelSub_cancelling_a_read_then_reading_again_works()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("cancel");
        using var clients = TlsTrickleServer.HttpClients();
        await using var subscriber = clients.OpenSubscriber(url);
        using (var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100)))
        {
            await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await subscriber.NextSegmentAsync(cts.Token));
        }

        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        var reading = subscriber.NextSegmentAsync(CancellationToken.None).AsTask();
        await publisher.WriteSegmentAsync(new byte[] { 7 }, CancellationToken.None);
        await using var segment = await reading.WaitAsync(Limit);
        Assert.Equal([7], await segment!.ReadAllAsync(16, CancellationToken.None));
    }

    [Fact]
    public async Task TestTrickle_SetSubStart_current_and_explicit_starts()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("starts");
        using var clients = TlsTrickleServer.HttpClients();
        await using (var publisher = clients.OpenPublisher(url, "video/MP2T"))
        {
            for (var i = 0; i < 3; i++)
            {
                await publisher.WriteSegmentAsync(new[] { (byte)i }, CancellationToken.None);
            }
        }

        await using var current = clients.OpenSubscriber(url, SegmentChannelInfo.CurrentSegment);
        await using (var segment = await current.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit))
        {
            Assert.Equal(2, segment!.Sequence);
        }

        await using var explicitOne = clients.OpenSubscriber(url, 1);
        await using (var segment = await explicitOne.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit))
        {
            Assert.Equal(1, segment!.Sequence);
            Assert.Equal([1], await segment.ReadAllAsync(16, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Unknown_channel_ends_subscribers_and_refuses_publishers()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        using var clients = TlsTrickleServer.HttpClients();
        var url = server.Url("nope");
        await using var subscriber = clients.OpenSubscriber(url);
        Assert.Null(await subscriber.NextSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit));
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        await Assert.ThrowsAsync<SegmentChannelNotFoundException>(async () => await publisher.BeginSegmentAsync(CancellationToken.None).AsTask().WaitAsync(Limit));
        Assert.False(await clients.DeleteChannelAsync(url, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_the_channel_between_segments_ends_the_publisher_with_not_found()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("gone");
        using var clients = TlsTrickleServer.HttpClients();
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        await publisher.WriteSegmentAsync(new byte[] { 1 }, CancellationToken.None);
        await server.Channels.DeleteChannelAsync("gone", CancellationToken.None);
        await WaitUntilAsync(() => false, TimeSpan.FromMilliseconds(100));
        var error = await Record.ExceptionAsync(async () =>
        {
            for (var i = 0; i < 3; i++)
            {
                await publisher.WriteSegmentAsync(new byte[] { 2 }, CancellationToken.None).AsTask().WaitAsync(Limit);
            }
        });
        Assert.IsType<SegmentChannelNotFoundException>(error);
    }

    internal static async Task RoundTripAsync(ISegmentChannelClients clients, Uri url)
    {
        await using var subscriber = clients.OpenSubscriber(url);
        await using var publisher = clients.OpenPublisher(url, "video/MP2T");
        var reading = subscriber.NextSegmentAsync(CancellationToken.None).AsTask();
        Assert.Equal(0, await publisher.WriteSegmentAsync(Encoding.ASCII.GetBytes("hello"), CancellationToken.None).AsTask().WaitAsync(Limit));
        await using var segment = await reading.WaitAsync(Limit);
        Assert.Equal(0, segment!.Sequence);
        Assert.Equal("hello", Encoding.ASCII.GetString(await segment.ReadAllAsync(64, CancellationToken.None)));
    }

    internal static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? at = null)
    {
        var deadline = DateTime.UtcNow + (at ?? Limit);
        while (!condition() && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }
    }

    private static async Task<IChannelSegment> Next(ISegmentSubscriber subscriber, Func<Task> writeFirst)
    {
        var reading = subscriber.NextSegmentAsync(CancellationToken.None).AsTask();
        await writeFirst();
        return (await reading.WaitAsync(Limit))!;
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            yield return x;
        }
    }
}
