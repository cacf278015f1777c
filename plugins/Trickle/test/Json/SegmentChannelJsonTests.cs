using System.Text;
using System.Text.Json;
using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Core;
using Livepeer.Plugins.Trickle.InProcess;
using Livepeer.Plugins.Trickle.Tests.Client;

namespace Livepeer.Plugins.Trickle.Tests.Json;

/// <summary><see cref="SegmentChannelJson"/>: the vector table, limits, fuzz, and real channels (in process and HTTP).</summary>
[Collection(Livepeer.Plugins.Trickle.Tests.Client.ClientTestCollection.Name)]
public sealed class SegmentChannelJsonTests
{
    public static TheoryData<int> DocumentRows() => Rows(JsonVectors.Documents.Length);

    public static TheoryData<int> LineRows() => Rows(JsonVectors.Lines.Length);

    [Theory]
    [MemberData(nameof(DocumentRows))]
    public async Task Documents_read_as_the_table_says(int row)
    {
        var (input, json, error) = JsonVectors.Documents[row];
        var read = await Record.ExceptionAsync(async () =>
        {
            var element = await SegmentChannelJson.ReadJsonAsync(Bytes(input), CancellationToken.None);
            Assert.Equal(json, element is { } e ? JsonSerializer.Serialize(e) : null);
        });
        Assert.Equal(error, (read as SegmentJsonException)?.Error);
        if (error is null)
        {
            Assert.Null(read);
        }
    }

    [Theory]
    [MemberData(nameof(LineRows))]
    public async Task Lines_read_as_the_table_says(int row)
    {
        var (input, lines, error) = JsonVectors.Lines[row];
        var seen = new List<string>();
        var read = await Record.ExceptionAsync(async () =>
        {
            await foreach (var element in SegmentChannelJson.ReadJsonLinesAsync(Bytes(input), CancellationToken.None))
            {
                seen.Add(JsonSerializer.Serialize(element));
            }
        });
        Assert.Equal(lines, seen);
        Assert.Equal(error, (read as SegmentJsonException)?.Error);
    }

    [Fact]
    public async Task Oversize_messages_and_lines_are_refused_without_reading_much_past_the_limit()
    {
        var endless = new EndlessStream((byte)' ');
        var error = await Assert.ThrowsAsync<SegmentJsonException>(async () => await SegmentChannelJson.ReadJsonAsync(endless, CancellationToken.None, maxBytes: 1000));
        Assert.Equal(SegmentJsonError.TooLarge, error.Error);
        Assert.InRange(endless.Served, 1001, 1000 + 8192);

        var noNewline = new EndlessStream((byte)'1');
        var lineError = await Assert.ThrowsAsync<SegmentJsonException>(async () =>
        {
            await foreach (var _ in SegmentChannelJson.ReadJsonLinesAsync(noNewline, CancellationToken.None, maxLineBytes: 5000))
            {
            }
        });
        Assert.Equal(SegmentJsonError.TooLarge, lineError.Error);
        Assert.InRange(noNewline.Served, 5001, 5000 + 16384);

        var exact = "\"" + new string('x', 998) + "\"";
        Assert.NotNull(await SegmentChannelJson.ReadJsonAsync(Bytes(exact), CancellationToken.None, maxBytes: 1000));
        var lines = new List<JsonElement>();
        await foreach (var line in SegmentChannelJson.ReadJsonLinesAsync(Bytes(string.Concat(Enumerable.Repeat(exact + "\n", 50))), CancellationToken.None, maxLineBytes: 1000))
        {
            lines.Add(line);
        }

        Assert.Equal(50, lines.Count); // many lines, each at the limit: the buffer stays one line
    }

    [Fact]
    public async Task Fuzz_mutated_vectors_only_ever_give_elements_or_typed_errors()
    {
        var random = new Random(20261122);
        var seeds = JsonVectors.Documents.Select(v => v.Input).Concat(JsonVectors.Lines.Select(v => v.Input)).Select(Encoding.UTF8.GetBytes).ToArray();
        for (var i = 0; i < 3000; i++)
        {
            var bytes = Mutate(seeds[random.Next(seeds.Length)], random);
            var max = random.Next(1, 64);
            try
            {
                await SegmentChannelJson.ReadJsonAsync(new MemoryStream(bytes), CancellationToken.None, max);
            }
            catch (SegmentJsonException)
            {
            }

            try
            {
                await foreach (var _ in SegmentChannelJson.ReadJsonLinesAsync(new TrickleStream(bytes, random.Next(1, 7)), CancellationToken.None, max))
                {
                }
            }
            catch (SegmentJsonException)
            {
            }
        }
    }

    [Fact]
    public async Task Written_messages_read_back_over_http_and_in_process()
    {
        await using var server = await TlsTrickleServer.StartAsync();
        var url = await server.CreateAsync("json", "application/json");
        using var http = TlsTrickleServer.HttpClients();
        foreach (ISegmentChannelClients clients in new ISegmentChannelClients[] { http, server.LocalClients })
        {
            await using var subscriber = clients.OpenSubscriber(url, server.Registry.Find("json")!.NextWrite); // explicit: no race with -1
            await using var publisher = clients.OpenPublisher(url, "application/json");
            var reading = subscriber.NextSegmentAsync(CancellationToken.None).AsTask();
            await publisher.WriteJsonSegmentAsync(new { keep = "alive" }, CancellationToken.None);
            await using (var segment = await reading.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                Assert.Equal("alive", (await segment!.ReadJsonAsync(CancellationToken.None))!.Value.GetProperty("keep").GetString());
            }

            reading = subscriber.NextSegmentAsync(CancellationToken.None).AsTask();
            await using (var writer = await publisher.BeginSegmentAsync(CancellationToken.None))
            {
                for (var i = 0; i < 3; i++)
                {
                    await writer.WriteJsonLineAsync(new { n = i, text = "line\nbreak" }, CancellationToken.None, new JsonSerializerOptions { WriteIndented = true });
                }
            }

            await using (var segment = await reading.WaitAsync(TimeSpan.FromSeconds(10)))
            {
                var numbers = new List<int>();
                await foreach (var line in segment!.ReadJsonLinesAsync(CancellationToken.None))
                {
                    numbers.Add(line.GetProperty("n").GetInt32());
                    Assert.Equal("line\nbreak", line.GetProperty("text").GetString());
                }

                Assert.Equal([0, 1, 2], numbers);
            }
        }
    }

    [Fact]
    public async Task In_process_channels_carry_json_too()
    {
        var channels = new TrickleSegmentChannels(new ChannelRegistry(new TrickleOptions(), TimeProvider.System), null);
        await channels.CreateChannelAsync("events", "application/json", CancellationToken.None);
        await using var subscriber = channels.OpenSubscriber("events");
        await using var publisher = channels.OpenPublisher("events");
        await publisher.WriteJsonSegmentAsync(new Dictionary<string, object> { ["type"] = "heartbeat" }, CancellationToken.None);
        await using var segment = await subscriber.NextSegmentAsync(CancellationToken.None);
        Assert.Equal("heartbeat", (await segment!.ReadJsonAsync(CancellationToken.None))!.Value.GetProperty("type").GetString());
    }

    private static TheoryData<int> Rows(int count)
    {
        var data = new TheoryData<int>();
        for (var i = 0; i < count; i++)
        {
            data.Add(i);
        }

        return data;
    }

    private static MemoryStream Bytes(string text) => new(Encoding.UTF8.GetBytes(text));

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var bytes = new List<byte>(seed);
        for (var n = random.Next(1, 5); n > 0; n--)
        {
            switch (random.Next(4))
            {
                case 0 when bytes.Count > 0:
                    bytes[random.Next(bytes.Count)] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.Insert(random.Next(bytes.Count + 1), "{}[]\":,\n\\ \r\u00ff"u8[random.Next(12)]);
                    break;
                case 2 when bytes.Count > 0:
                    bytes.RemoveAt(random.Next(bytes.Count));
                    break;
                default:
                    bytes.AddRange(seed.Take(random.Next(seed.Length + 1)));
                    break;
            }
        }

        return [.. bytes];
    }

    /// <summary>Serves its bytes a few at a time, so lines and documents straddle reads.</summary>
    private sealed class TrickleStream(byte[] bytes, int step) : MemoryStream(bytes)
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, step)], cancellationToken);
    }

    /// <summary>A stream that never ends, counting what it served.</summary>
    private sealed class EndlessStream(byte fill) : Stream
    {
        public long Served { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => Served; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(count, 4096);
            buffer.AsSpan(offset, n).Fill(fill);
            Served += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
