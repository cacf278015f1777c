using System.Net;
using System.Net.Http.Headers;
using Google.Protobuf;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Host.Grpc;
using Livepeer.Host.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Protocol;

/// <summary>net.Orchestrator on a real node's TLS service port, called with the project's gRPC client.</summary>
public sealed class OrchestratorRpcServiceTests
{
    [Fact]
    public async Task GetOrchestrator_answers_with_the_node_s_info()
    {
        await using var node = await InProcessNode.StartAsync("-orchestrator", "-pricePerUnit", "1200", "-pixelsPerUnit", "3");
        var client = new OrchestratorClient(InProcessNode.CreateGrpcClient(out var http));
        using (http)
        {
            var info = await client.GetOrchestratorAsync(node.Service, default, ReadOnlyMemory<byte>.Empty, null, false, null, CancellationToken.None);
            Assert.Equal(node.Service, info.ServiceUri);
            Assert.Equal(new Price(1200, 3), info.Price);
            Assert.NotNull(info.AuthToken);
            Assert.Equal(8, info.AuthToken!.SessionId.Length);
            Assert.InRange(info.AuthToken.Expiration - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(29), TimeSpan.FromMinutes(31));
            Assert.True(node.Services.GetRequiredService<AuthTokens>().IsValid(info.AuthToken));
            Assert.True(info.Capabilities!.Mandatory.Contains(Capability.AuthToken));
            Assert.Null(info.TicketParams); // offchain: the 'none' scheme issues no ticket parameters
        }
    }

    [Fact]
    public async Task GetOrchestrator_honours_capacity_unless_told_to_ignore_it()
    {
        await using var node = await InProcessNode.StartAsync("-orchestrator", "-maxSessions", "1");
        var client = new OrchestratorClient(InProcessNode.CreateGrpcClient(out var http));
        using (http)
        {
            Assert.True(node.Services.GetRequiredService<TranscodingSessions>().TryStart("busy"));
            var error = await Assert.ThrowsAsync<GrpcException>(() => client.GetOrchestratorAsync(node.Service, default, default, null, false, null, CancellationToken.None));
            Assert.Equal(GrpcStatusCode.Unknown, error.Status);
            Assert.Contains("capacity", error.Message, StringComparison.Ordinal);
            var info = await client.GetOrchestratorAsync(node.Service, default, default, null, true, null, CancellationToken.None);
            Assert.NotNull(info.AuthToken);
        }
    }

    [Fact]
    public async Task EndTranscodingSession_accepts_only_this_node_s_tokens()
    {
        await using var node = await InProcessNode.StartAsync("-orchestrator");
        var grpc = InProcessNode.CreateGrpcClient(out var http);
        using (http)
        {
            var info = await new OrchestratorClient(grpc).GetOrchestratorAsync(node.Service, default, default, null, false, null, CancellationToken.None);
            var sessions = node.Services.GetRequiredService<TranscodingSessions>();
            sessions.TryStart(info.AuthToken!.SessionId);
            Assert.Equal(1, sessions.Count);
            await grpc.UnaryAsync(node.Service, OrchestratorRpcService.EndTranscodingSessionPath,
                new Net.EndTranscodingSessionRequest { AuthToken = NetMapping.ToProto(info.AuthToken) }, Net.EndTranscodingSessionResponse.Parser, null, CancellationToken.None);
            Assert.Equal(0, sessions.Count);

            var forged = NetMapping.ToProto(info.AuthToken with { SessionId = "deadbeef" });
            var error = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(node.Service, OrchestratorRpcService.EndTranscodingSessionPath,
                new Net.EndTranscodingSessionRequest { AuthToken = forged }, Net.EndTranscodingSessionResponse.Parser, null, CancellationToken.None));
            Assert.Equal("invalid auth token", error.Message);
        }
    }

    [Fact]
    public async Task Ping_answers_offchain_with_no_signature()
    {
        await using var node = await InProcessNode.StartAsync("-orchestrator");
        var client = new OrchestratorClient(InProcessNode.CreateGrpcClient(out var http));
        using (http)
        {
            Assert.Empty(await client.PingAsync(node.Service, new byte[] { 1, 2, 3 }, CancellationToken.None));
        }
    }

    [Fact]
    public async Task Bad_requests_get_gRPC_statuses_and_the_node_keeps_serving()
    {
        await using var node = await InProcessNode.StartAsync("-orchestrator");
        var grpc = InProcessNode.CreateGrpcClient(out var http);
        using (http)
        {
            var unknown = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(node.Service, "/net.Orchestrator/NoSuchMethod", new Net.PingPong(), Net.PingPong.Parser, null, CancellationToken.None));
            Assert.Equal(GrpcStatusCode.Unimplemented, unknown.Status);

            Assert.Equal((GrpcStatusCode.Internal, true), await RawCallAsync(http, node.Service, OrchestratorRpcService.GetOrchestratorPath, [0, 0, 0, 0, 3, 0xff, 0xff, 0xff]));
            Assert.Equal((GrpcStatusCode.ResourceExhausted, true), await RawCallAsync(http, node.Service, OrchestratorRpcService.GetOrchestratorPath, [0, 0x7f, 0xff, 0xff, 0xff]));
            Assert.Equal((GrpcStatusCode.Internal, true), await RawCallAsync(http, node.Service, OrchestratorRpcService.GetOrchestratorPath, [0, 0, 0]));
            Assert.Equal((GrpcStatusCode.Unimplemented, true), await RawCallAsync(http, node.Service, OrchestratorRpcService.GetOrchestratorPath, [1, 0, 0, 0, 0]));
            Assert.Equal((GrpcStatusCode.Internal, true), await RawCallAsync(http, node.Service, OrchestratorRpcService.GetOrchestratorPath, GrpcFraming.Frame([]), te: false));

            using var wrongType = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Service, OrchestratorRpcService.GetOrchestratorPath))
            {
                Version = HttpVersion.Version20,
                VersionPolicy = HttpVersionPolicy.RequestVersionExact,
                Content = new StringContent("{}", new MediaTypeHeaderValue("application/json")),
            };
            Assert.Equal(HttpStatusCode.UnsupportedMediaType, (await http.SendAsync(wrongType)).StatusCode);

            var random = new Random(7);
            for (var i = 0; i < 200; i++)
            {
                var garbage = new byte[random.Next(0, 64)];
                random.NextBytes(garbage);
                var (status, _) = await RawCallAsync(http, node.Service, OrchestratorRpcService.GetOrchestratorPath, garbage);
                Assert.True(Enum.IsDefined(status));
            }

            var info = await new OrchestratorClient(grpc).GetOrchestratorAsync(node.Service, default, default, null, true, null, CancellationToken.None);
            Assert.NotNull(info.AuthToken);
        }
    }

    private static async Task<(GrpcStatusCode Status, bool TrailersOnly)> RawCallAsync(HttpClient http, Uri service, string path, byte[] body, bool te = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(service, path))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc");
        if (te)
        {
            request.Headers.TE.Add(new TransferCodingWithQualityHeaderValue("trailers"));
        }

        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        if (response.Headers.TryGetValues("grpc-status", out var early))
        {
            return ((GrpcStatusCode)int.Parse(early.Single()), true);
        }

        await response.Content.ReadAsByteArrayAsync();
        return ((GrpcStatusCode)int.Parse(response.TrailingHeaders.GetValues("grpc-status").Single()), false);
    }
}
