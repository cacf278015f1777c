using System.Net;
using Livepeer.Abstractions.Channels;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>Many publishers and subscribers on many channels at once; afterwards nothing is left behind.</summary>
public sealed class ConcurrencyTests
{
    private const int Channels = 16;
    private const int Segments = 5; // the ring size: publishers do not wait, so more would lap slow subscribers by design
    private const int HttpSubscribers = 3;

    [Fact]
    public async Task Many_channels_publishers_and_subscribers_then_nothing_is_left()
    {
        await using var server = await TrickleServer.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var work = new List<Task>();
        for (var c = 0; c < Channels; c++)
        {
            var name = $"load-{c}";
            await server.CreateAsync(name);
            for (var s = 0; s < HttpSubscribers; s++)
            {
                work.Add(HttpSubscribeAsync(server, name, timeout.Token));
            }

            work.Add(InProcessSubscribeAsync(server.Channels, name, timeout.Token));
        }

        await WireChannelTests.Eventually(() => server.Registry.Counters.Requests >= Channels * HttpSubscribers);
        var publishers = Enumerable.Range(0, Channels).Select(c => PublishAsync(server, $"load-{c}", c % 2 == 0, timeout.Token)).ToList();
        await Task.WhenAll(publishers).WaitAsync(timeout.Token);
        await Task.WhenAll(work).WaitAsync(timeout.Token);

        for (var c = 0; c < Channels; c++)
        {
            using var delete = await server.Client.DeleteAsync(TrickleServer.Path($"load-{c}"));
            Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        }

        var counters = server.Registry.Counters;
        await WireChannelTests.Eventually(() => counters.Requests == 0 && counters.Readers == 0);
        Assert.Equal(0, counters.Channels);
        Assert.Equal(0, counters.Segments);
    }

    private static byte[] Payload(int channel, long seq) => [.. Enumerable.Range(0, 20_000 + (int)seq).Select(i => (byte)(i + channel + seq))];

    // Half the channels publish over HTTP in chunks, half in process: subscribers of both kinds see both.
    private static async Task PublishAsync(TrickleServer server, string name, bool overHttp, CancellationToken cancellationToken)
    {
        var channel = int.Parse(name.AsSpan(5), provider: null);
        if (!overHttp)
        {
            await using var publisher = server.Channels.OpenPublisher(name);
            for (var seq = 0; seq < Segments; seq++)
            {
                await using var writer = await publisher.BeginSegmentAsync(cancellationToken);
                var bytes = Payload(channel, seq);
                await writer.WriteAsync(bytes.AsMemory(0, 7000), cancellationToken);
                await writer.WriteAsync(bytes.AsMemory(7000), cancellationToken);
            }

            return;
        }

        for (var seq = 0; seq < Segments; seq++)
        {
            var body = new PipeContent();
            var post = server.Client.PostAsync(TrickleServer.Path(name, seq.ToString(System.Globalization.CultureInfo.InvariantCulture)), body, cancellationToken);
            var bytes = Payload(channel, seq);
            body.Write(bytes[..7000]);
            body.Write(bytes[7000..]);
            body.Complete();
            using var response = await post;
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
    }

    private static async Task HttpSubscribeAsync(TrickleServer server, string name, CancellationToken cancellationToken)
    {
        var channel = int.Parse(name.AsSpan(5), provider: null);
        for (var seq = 0; seq < Segments; seq++)
        {
            using var response = await server.Client.GetAsync(TrickleServer.Path(name, seq.ToString(System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(Payload(channel, seq), await response.Content.ReadAsByteArrayAsync(cancellationToken));
        }
    }

    private static async Task InProcessSubscribeAsync(ISegmentChannels channels, string name, CancellationToken cancellationToken)
    {
        var channel = int.Parse(name.AsSpan(5), provider: null);
        await using var subscriber = channels.OpenSubscriber(name, 0);
        for (var seq = 0; seq < Segments; seq++)
        {
            var segment = await subscriber.NextSegmentAsync(cancellationToken);
            Assert.NotNull(segment);
            await using (segment)
            {
                Assert.Equal(seq, segment.Sequence);
                Assert.Equal(Payload(channel, seq), await segment.ReadAllAsync(1 << 20, cancellationToken));
            }
        }
    }
}
