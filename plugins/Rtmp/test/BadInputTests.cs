using System.Buffers;
using System.IO.Pipelines;
using System.Net.Sockets;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Media.Amf;
using Livepeer.Plugins.Rtmp.Client;
using Livepeer.Plugins.Rtmp.Protocol;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>Hostile clients are disconnected with a log line while a good stream on the same node keeps running.</summary>
public sealed class BadInputTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);

    public static TheoryData<string, string> Attacks() => new()
    {
        { "corrupt handshake", "Handshake" },
        { "oversized message", "larger than the limit" },
        { "oversized chunk size", "Chunk size" },
        { "unknown command", "unknown command 'fooBar'" },
        { "garbage amf", "invalid AMF0" },
        { "media before publish", "media before publish" },
    };

    [Theory]
    [MemberData(nameof(Attacks))]
    public async Task BadClientIsDisconnectedAndTheGoodStreamContinues(string attack, string logged)
    {
        var hub = new RecordingHub();
        await using var server = await RtmpTestServer.StartAsync(hub);
        var gops = TestMedia.FlvGops(6);
        await using var good = await RtmpClient.PublishAsync(server.Url("good"), new SeededRandomSource(5), 4096, CancellationToken.None);
        foreach (var gop in gops.Take(3))
        {
            await TestMedia.SendFlvAsync(good, gop, CancellationToken.None);
        }

        using (var socket = new Socket(SocketType.Stream, ProtocolType.Tcp))
        {
            await socket.ConnectAsync("127.0.0.1", server.Port);
            var stream = new NetworkStream(socket);
            var pipe = new DuplexPipe(PipeReader.Create(stream), PipeWriter.Create(stream));
            if (attack == "corrupt handshake")
            {
                await stream.WriteAsync(new byte[1 + 1536].Select((_, i) => (byte)(i == 0 ? 0x06 : i)).ToArray());
            }
            else
            {
                await RtmpHandshake.ClientAsync(pipe, new SeededRandomSource(9), CancellationToken.None);
                await pipe.Output.WriteAsync(AttackBytes(attack));
            }

            await ReadUntilClosedAsync(stream);
        }

        await server.Logs.WaitForAsync(4001, logged, Limit);

        foreach (var gop in gops.Skip(3))
        {
            await TestMedia.SendFlvAsync(good, gop, CancellationToken.None);
        }

        await good.CloseAsync(CancellationToken.None);
        var segments = await hub.WaitForEndAsync("good", Limit);
        Assert.Equal(3, segments.Count); // 6 s of 1 s GOPs in 2 s segments, all of them
    }

    private static byte[] AttackBytes(string attack)
    {
        var writer = new ChunkWriter();
        var output = new ArrayBufferWriter<byte>();
        switch (attack)
        {
            case "oversized message":
                // format 0 header announcing a 16 MiB - 1 message on chunk stream 3
                output.Write(new byte[] { 0x03, 0, 0, 0, 0xFF, 0xFF, 0xFF, 20, 0, 0, 0, 0 });
                break;
            case "oversized chunk size":
                writer.Write(output, ControlMessages.SetChunkSize(0x7FFFFFFF));
                break;
            case "unknown command":
                writer.Write(output, new RtmpCommand("fooBar", 1, null, []).ToMessage(0));
                break;
            case "garbage amf":
                writer.Write(output, new RtmpMessage(RtmpMessageType.CommandAmf0, 0, 0, new byte[] { 0x02, 0x00, 0x07, (byte)'c', (byte)'o', 0x11, 0x0B, 0x03 }) { ChunkStreamId = 3 });
                break;
            case "media before publish":
                writer.Write(output, new RtmpCommand("connect", 1, new AmfObject().Add("app", "x"), []).ToMessage(0));
                writer.Write(output, new RtmpMessage(RtmpMessageType.Video, 0, 1, new byte[] { 0x17, 1, 0, 0, 0 }) { ChunkStreamId = 7 });
                break;
        }

        return output.WrittenSpan.ToArray();
    }

    private static async Task ReadUntilClosedAsync(NetworkStream stream)
    {
        using var timeout = new CancellationTokenSource(Limit);
        var buffer = new byte[8192];
        try
        {
            while (await stream.ReadAsync(buffer, timeout.Token) > 0)
            {
            }
        }
        catch (IOException)
        {
            // reset by the server: also closed
        }
    }
}
