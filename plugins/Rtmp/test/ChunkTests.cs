using System.Buffers;
using Livepeer.Media.Amf;
using Livepeer.Plugins.Rtmp.Protocol;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>Chunk stream vectors (Adobe RTMP spec 1.0, §5.3), round trips through writer and reader, and a fuzz test.</summary>
public sealed class ChunkTests
{
    /// <summary>Messages with their chunk size and exact wire bytes (hex).</summary>
    internal static IReadOnlyList<(string Name, int ChunkSize, RtmpMessage Message, string Hex)> Vectors { get; } =
    [
        ("set chunk size", 128, ControlMessages.SetChunkSize(4096), "020000000000040100000000" + "00001000"),
        ("two chunks", 4, new RtmpMessage(RtmpMessageType.Audio, 0x10, 1, new byte[] { 1, 2, 3, 4, 5, 6 }) { ChunkStreamId = 6 },
            "060000100000060801000000" + "01020304" + "C6" + "0506"),
        ("extended timestamp", 128, new RtmpMessage(RtmpMessageType.Video, 0x01000000, 1, new byte[] { 0x17 }) { ChunkStreamId = 7 },
            "07FFFFFF0000010901000000" + "01000000" + "17"),
        ("two-byte chunk stream id", 128, new RtmpMessage(RtmpMessageType.DataAmf0, 0, 0, new byte[] { 5 }) { ChunkStreamId = 64 },
            "0000" + "0000000000011200000000" + "05"),
        ("three-byte chunk stream id", 128, new RtmpMessage(RtmpMessageType.DataAmf0, 0, 0, new byte[] { 5 }) { ChunkStreamId = 320 },
            "010001" + "0000000000011200000000" + "05"),
    ];

    public static TheoryData<string> Names() => [.. Vectors.Select(v => v.Name)];

    [Theory]
    [MemberData(nameof(Names))]
    public void WritesAndReadsVector(string name)
    {
        var (_, chunkSize, message, hex) = Vectors.Single(v => v.Name == name);
        var output = new ArrayBufferWriter<byte>();
        new ChunkWriter { ChunkSize = chunkSize }.Write(output, message);
        Assert.Equal(hex, Convert.ToHexString(output.WrittenSpan));

        var reader = new ChunkReader(1 << 20) { ChunkSize = chunkSize };
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(hex));
        Assert.True(reader.TryReadMessage(ref buffer, out var read));
        Assert.True(buffer.IsEmpty);
        Assert.Equal(message.Type, read!.Type);
        Assert.Equal(message.Timestamp, read.Timestamp);
        Assert.Equal(message.StreamId, read.StreamId);
        Assert.Equal(message.ChunkStreamId, read.ChunkStreamId);
        Assert.Equal(message.Payload.ToArray(), read.Payload.ToArray());
    }

    [Fact]
    public void ReadsByteByByteAndHeaderCompression()
    {
        // format 0, then format 2 (delta 40) and format 3 (same delta) on one chunk stream
        var hex = "0600000A0000020801000000" + "AAAA" + "86000028" + "BBBB" + "C6" + "CCCC";
        var bytes = Convert.FromHexString(hex);
        var reader = new ChunkReader(1024);
        var messages = new List<RtmpMessage>();
        var pending = Array.Empty<byte>();
        foreach (var b in bytes)
        {
            pending = [.. pending, b];
            var buffer = new ReadOnlySequence<byte>(pending);
            while (reader.TryReadMessage(ref buffer, out var message))
            {
                messages.Add(message!);
            }

            pending = buffer.ToArray();
        }

        Assert.Equal([10u, 50u, 90u], messages.Select(m => m.Timestamp));
        Assert.All(messages, m => Assert.Equal(2, m.Payload.Length));
    }

    [Fact]
    public void InterleavedLargeMessagesRoundTrip()
    {
        var writer = new ChunkWriter { ChunkSize = 100 };
        var audio = new RtmpMessage(RtmpMessageType.Audio, 1, 1, Enumerable.Range(0, 1000).Select(i => (byte)i).ToArray()) { ChunkStreamId = 6 };
        var command = new RtmpCommand("publish", 0, null, ["name", "live"]).ToMessage(1);
        var output = new ArrayBufferWriter<byte>();
        writer.Write(output, audio);
        writer.Write(output, command);
        var reader = new ChunkReader(4096) { ChunkSize = 100 };
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        Assert.True(reader.TryReadMessage(ref buffer, out var first));
        Assert.True(reader.TryReadMessage(ref buffer, out var second));
        Assert.Equal(audio.Payload.ToArray(), first!.Payload.ToArray());
        Assert.Equal("publish", RtmpCommand.Parse(second!).Name);
        Assert.Equal(["name", "live"], RtmpCommand.Parse(second!).Arguments);
    }

    [Theory]
    [InlineData("4600000A0000020801000000")] // chunk stream starts with format 1
    [InlineData("0600000A00FFFF0801000000")] // 65535 bytes over a 1024-byte limit
    public void BadChunksAreRefused(string hex)
    {
        var reader = new ChunkReader(1024);
        var buffer = new ReadOnlySequence<byte>(Convert.FromHexString(hex));
        Assert.Throws<RtmpProtocolException>(() => reader.TryReadMessage(ref buffer, out _));
    }

    [Fact]
    public void RandomAndMutatedChunksOnlyThrowProtocolErrors()
    {
        var random = new Random(1935);
        var seeds = Vectors.Select(v => Convert.FromHexString(v.Hex)).ToList();
        for (var i = 0; i < 20_000; i++)
        {
            byte[] data;
            if (i % 3 == 0)
            {
                data = new byte[random.Next(0, 200)];
                random.NextBytes(data);
            }
            else
            {
                data = [.. seeds[random.Next(seeds.Count)], .. seeds[random.Next(seeds.Count)]];
                for (var m = random.Next(1, 4); m > 0; m--)
                {
                    data[random.Next(data.Length)] = (byte)random.Next(256);
                }
            }

            var reader = new ChunkReader(4096, maxChunkStreams: 8);
            var buffer = new ReadOnlySequence<byte>(data);
            try
            {
                while (reader.TryReadMessage(ref buffer, out var message))
                {
                    if (message!.Type is RtmpMessageType.CommandAmf0)
                    {
                        try
                        {
                            _ = RtmpCommand.Parse(message);
                        }
                        catch (RtmpProtocolException)
                        {
                        }
                    }
                }
            }
            catch (RtmpProtocolException)
            {
            }
        }
    }

    [Fact]
    public void CommandRoundTripsThroughAmf0()
    {
        var command = new RtmpCommand("connect", 1, new AmfObject().Add("app", "live").Add("tcUrl", "rtmp://h/live"), []);
        var parsed = RtmpCommand.Parse(command.ToMessage(0));
        Assert.Equal("connect", parsed.Name);
        Assert.Equal(1.0, parsed.TransactionId);
        Assert.Equal("live", Assert.IsType<AmfObject>(parsed.CommandObject).GetString("app"));
    }
}
