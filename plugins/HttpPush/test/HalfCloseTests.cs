using Livepeer.Testing;
using System.Net.Sockets;
using System.Text;

namespace Livepeer.Plugins.HttpPush.Tests;

/// <summary>
/// ffmpeg's HTTP output (<c>-f hls -method PUT</c>) sends a chunked body and closes its side without waiting for
/// the answer; the segment must still be published.
/// </summary>
public sealed class HalfCloseTests
{
    [Fact]
    public async Task A_client_that_closes_after_the_body_still_publishes()
    {
        await using var server = await PushServer.StartAsync();
        var data = FfmpegSegments.All[0];
        using (var client = new TcpClient())
        {
            await client.ConnectAsync(server.BaseUri.Host, server.BaseUri.Port);
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("PUT /live/halfclose/0.ts HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nConnection: close\r\nIcy-MetaData: 1\r\n\r\n"));
            for (var i = 0; i < data.Length; i += 4096)
            {
                var chunk = data.AsMemory(i, Math.Min(4096, data.Length - i));
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
                await stream.WriteAsync(chunk);
                await stream.WriteAsync("\r\n"u8.ToArray());
            }

            await stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            client.Client.Shutdown(SocketShutdown.Send);
            var buffer = new byte[1024];
            while (await stream.ReadAsync(buffer) > 0)
            {
            }
        }

        await PushWireTests.WaitUntilAsync(() => server.Hub.ActiveStreams.Any(s => s.StreamId == "halfclose"));
    }
}
