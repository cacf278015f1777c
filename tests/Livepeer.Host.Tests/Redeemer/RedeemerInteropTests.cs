using System.Text.Json;
using Livepeer.Host.Tests.Payments;
using Livepeer.Host.Tests.Grpc;
using Livepeer.Testing;

namespace Livepeer.Host.Tests.Redeemer;

/// <summary>
/// Debian's python3-grpcio (an independent gRPC stack) calls a redeemer node's net.TicketRedeemer over TLS:
/// MaxFloat, QueueTicket refused for a foreign recipient, and MonitorMaxFloat's server stream.
/// </summary>
public sealed class RedeemerInteropTests
{
    [Fact]
    public async Task Python_grpcio_client_uses_the_redeemer_service()
    {
        using var dir = new TemporaryDirectory();
        var stubs = GrpcInteropTests.GenerateStubs(dir);

        await using var node = await RedeemerNode.StartAsync();
        var sender = TicketFixtures.Sender.Address;
        using var done = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var peer = Task.Run(() => GrpcInteropTests.Run(
            "/usr/bin/python3",
            [Path.Combine(RepositoryPaths.Root, "tests", "interop", "grpc_peer.py"), "redeemer", $"127.0.0.1:{node.Service.Port}", Path.Combine(node.DataDir, "cert.pem"), stubs, Convert.ToHexString(sender.ToArray())]));

        // Changes for the stream to report, until the peer has seen two.
        while (!peer.IsCompleted)
        {
            node.Monitor().AddPending(sender, 100);
            node.Monitor().AddPending(sender, -100);
            await Task.WhenAny(peer, Task.Delay(50, done.Token));
        }

        var (code, output) = await peer;
        Assert.True(code == 0, output);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("call").GetString()!);
        Assert.Equal("0258", results["MaxFloat"].GetProperty("max_float").GetString()); // 600
        Assert.Equal("PERMISSION_DENIED", results["QueueTicket"].GetProperty("code").GetString());
        Assert.StartsWith("invalid ticket recipient 0x2222", results["QueueTicket"].GetProperty("details").GetString(), StringComparison.Ordinal);
        Assert.Equal(["0258", "0258"], results["MonitorMaxFloat"].GetProperty("updates").EnumerateArray().Select(u => u.GetString()));
        Assert.Empty(await node.Queue().LoadUnredeemedAsync(10, CancellationToken.None));
    }
}
