using System.Diagnostics;
using System.Text.Json;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Livepeer.Testing;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Grpc;

/// <summary>
/// Interop with an independent gRPC implementation (Debian's python3-grpcio, stubs from Debian's protoc
/// generated from this project's .proto files): its client calls the node over TLS with the node's
/// certificate pinned, and the node's client calls its server. test.sh installs the packages.
/// </summary>
public sealed class GrpcInteropTests
{
    private static readonly string Peer = Path.Combine(RepositoryPaths.Root, "tests", "interop", "grpc_peer.py");

    internal static string GenerateStubs(TemporaryDirectory dir)
    {
        var stubs = dir.Combine("stubs");
        Directory.CreateDirectory(stubs);
        var protos = Path.Combine(RepositoryPaths.Root, "host", "Livepeer.Host", "Protocol", "Proto");
        var (code, output) = Run("protoc", ["--python_out=" + stubs, "-I", protos, "lp_rpc.proto", "redeemer.proto"]);
        Assert.True(code == 0, "protoc failed: " + output);
        return stubs;
    }

    internal static (int Code, string Output) Run(string file, IEnumerable<string> args)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
        }

        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    [Fact]
    public async Task Python_grpcio_client_calls_the_node_over_pinned_TLS()
    {
        using var dir = new TemporaryDirectory();
        var stubs = GenerateStubs(dir);
        await using var node = await InProcessNode.StartAsync("-orchestrator", "-pricePerUnit", "5", "-pixelsPerUnit", "2");
        var target = $"127.0.0.1:{node.Service.Port}";
        var (code, output) = await Task.Run(() => Run("/usr/bin/python3", [Peer, "client", target, Path.Combine(node.DataDir, "cert.pem"), stubs]));
        Assert.True(code == 0, output);
        var results = output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith('{'))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("call").GetString()!);

        var info = results["GetOrchestrator"];
        Assert.Equal(node.Service.ToString().TrimEnd('/'), info.GetProperty("transcoder").GetString());
        Assert.Equal(5, info.GetProperty("price_per_unit").GetInt64());
        Assert.Equal(2, info.GetProperty("pixels_per_unit").GetInt64());
        Assert.Equal(8, info.GetProperty("session_id").GetString()!.Length);
        Assert.True(info.GetProperty("expiration").GetInt64() > DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.Equal(1UL << 12, info.GetProperty("mandatories")[0].GetUInt64());
        Assert.Equal("", results["Ping"].GetProperty("value").GetString());
        Assert.Equal("UNIMPLEMENTED", results["NoSuchMethod"].GetProperty("code").GetString());
        Assert.Equal("UNKNOWN", results["EndTranscodingSession"].GetProperty("code").GetString());
        Assert.Equal("invalid auth token", results["EndTranscodingSession"].GetProperty("details").GetString());
    }

    [Fact]
    public async Task Node_client_calls_a_python_grpcio_server()
    {
        using var dir = new TemporaryDirectory();
        var stubs = GenerateStubs(dir);
        var info = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardInput = true };
        var portFile = dir.Combine("port");
        foreach (var arg in new[] { Peer, "server", stubs, portFile })
        {
            info.ArgumentList.Add(arg);
        }

        using var server = Process.Start(info)!;
        try
        {
            var waited = Stopwatch.StartNew();
            while (!File.Exists(portFile) && !server.HasExited && waited.Elapsed < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(50);
            }

            Assert.True(File.Exists(portFile), "the python server did not start: " + (server.HasExited ? await server.StandardError.ReadToEndAsync() : "timeout"));
            var uri = new Uri($"http://127.0.0.1:{int.Parse(await File.ReadAllTextAsync(portFile))}");
            var grpc = InProcessNode.CreateGrpcClient(out var http);
            using (http)
            {
                var orchestrator = await new OrchestratorClient(grpc).GetOrchestratorAsync(uri, default, default, null, false, null, CancellationToken.None);
                Assert.Equal(new Uri("https://peer.example:8935"), orchestrator.ServiceUri);
                Assert.Equal(new Abstractions.Orchestrators.Price(7, 3), orchestrator.Price);
                Assert.Equal("text-reversal", Assert.Single(orchestrator.CapabilityPrices).Constraint);
                Assert.Equal("abcd1234", orchestrator.AuthToken!.SessionId);

                var denied = await Assert.ThrowsAsync<GrpcException>(() =>
                    new OrchestratorClient(grpc).GetOrchestratorAsync(uri, default, default, null, true, null, CancellationToken.None));
                Assert.Equal(GrpcStatusCode.PermissionDenied, denied.Status);
                Assert.Equal("denied: caf\u00e9 100%", denied.Message);

                var started = Stopwatch.StartNew();
                var late = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(uri, "/net.Orchestrator/Ping", new Net.PingPong(), Net.PingPong.Parser, TimeSpan.FromMilliseconds(300), CancellationToken.None));
                Assert.Equal(GrpcStatusCode.DeadlineExceeded, late.Status);
                Assert.True(started.Elapsed < TimeSpan.FromSeconds(1.8), $"the deadline took {started.Elapsed}");

                var updates = new List<byte>();
                var streamError = await Assert.ThrowsAsync<GrpcException>(async () =>
                {
                    await foreach (var update in grpc.ServerStreamingAsync(uri, "/net.TicketRedeemer/MonitorMaxFloat", new Net.MaxFloatReq(), Net.MaxFloatUpdate.Parser, TimeSpan.FromSeconds(10), CancellationToken.None))
                    {
                        updates.Add(update.MaxFloat[0]);
                    }
                });
                Assert.Equal([1, 2, 3], updates);
                Assert.Equal(GrpcStatusCode.ResourceExhausted, streamError.Status);

                var missing = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(uri, "/net.Orchestrator/EndTranscodingSession", new Net.EndTranscodingSessionRequest(), Net.EndTranscodingSessionResponse.Parser, null, CancellationToken.None));
                Assert.Equal(GrpcStatusCode.Unimplemented, missing.Status);
            }
        }
        finally
        {
            server.StandardInput.Close();
            if (!server.WaitForExit(10_000))
            {
                server.Kill(entireProcessTree: true);
            }
        }
    }
}
