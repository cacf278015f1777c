using System.Net;
using Google.Protobuf;
using Livepeer.Host.Grpc;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Net = Livepeer.Host.Protocol.Net;

namespace Livepeer.Host.Tests.Grpc;

/// <summary>The gRPC layer's server side on a real Kestrel (h2c on 127.0.0.1:0): streaming, errors after messages, deadlines.</summary>
public sealed class GrpcServerTests : IAsyncLifetime
{
    private WebApplication? _app;
    private Uri? _base;
    private readonly TaskCompletionSource _slowCancelled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddSingleton(new GrpcServerOptions { MaxReceiveMessageSize = 1024 });
        _app = builder.Build();
        _app.MapGrpcServerStreaming<Net.MaxFloatReq, Net.MaxFloatUpdate>("/net.TicketRedeemer/MonitorMaxFloat", Net.MaxFloatReq.Parser, async (request, write, call) =>
        {
            for (var i = 1; i <= request.Sender.Length; i++)
            {
                await write(new Net.MaxFloatUpdate { MaxFloat = ByteString.CopyFrom((byte)i) });
            }

            if (request.Sender.Length == 2)
            {
                throw new GrpcException(GrpcStatusCode.FailedPrecondition, "stopped after two: caf\u00e9");
            }
        });
        _app.MapGrpcUnary<Net.PingPong, Net.PingPong>("/net.Orchestrator/Ping", Net.PingPong.Parser, async (request, call) =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(30), call.CancellationToken);
            }
            catch (OperationCanceledException)
            {
                _slowCancelled.TrySetResult();
                throw;
            }

            return request;
        });
        _app.MapGrpcUnary<Net.PingPong, Net.PingPong>("/net.Orchestrator/Fail", Net.PingPong.Parser, (request, call) =>
            throw new InvalidOperationException("plain failure"));
        await _app.StartAsync();
        _base = new Uri(_app.Urls.Single().Replace("http://[::]", "http://127.0.0.1", StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Server_streams_messages_then_ok()
    {
        var grpc = InProcessNode.CreateGrpcClient(out var http);
        using (http)
        {
            var updates = new List<byte>();
            await foreach (var update in grpc.ServerStreamingAsync(_base!, "/net.TicketRedeemer/MonitorMaxFloat", new Net.MaxFloatReq { Sender = ByteString.CopyFrom(new byte[5]) }, Net.MaxFloatUpdate.Parser, TimeSpan.FromSeconds(10), CancellationToken.None))
            {
                updates.Add(update.MaxFloat[0]);
            }

            Assert.Equal([1, 2, 3, 4, 5], updates);
        }
    }

    [Fact]
    public async Task An_error_after_messages_arrives_in_the_trailers()
    {
        var grpc = InProcessNode.CreateGrpcClient(out var http);
        using (http)
        {
            var updates = new List<byte>();
            var error = await Assert.ThrowsAsync<GrpcException>(async () =>
            {
                await foreach (var update in grpc.ServerStreamingAsync(_base!, "/net.TicketRedeemer/MonitorMaxFloat", new Net.MaxFloatReq { Sender = ByteString.CopyFrom(new byte[2]) }, Net.MaxFloatUpdate.Parser, TimeSpan.FromSeconds(10), CancellationToken.None))
                {
                    updates.Add(update.MaxFloat[0]);
                }
            });
            Assert.Equal([1, 2], updates);
            Assert.Equal(GrpcStatusCode.FailedPrecondition, error.Status);
            Assert.Equal("stopped after two: caf\u00e9", error.Message);
        }
    }

    [Fact]
    public async Task The_deadline_cancels_the_handler_and_answers_DEADLINE_EXCEEDED()
    {
        var grpc = InProcessNode.CreateGrpcClient(out var http);
        using (http)
        {
            var error = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(_base!, "/net.Orchestrator/Ping", new Net.PingPong(), Net.PingPong.Parser, TimeSpan.FromMilliseconds(200), CancellationToken.None));
            Assert.Equal(GrpcStatusCode.DeadlineExceeded, error.Status);
            await _slowCancelled.Task.WaitAsync(TimeSpan.FromSeconds(5));
        }
    }

    [Fact]
    public async Task Plain_exceptions_become_UNKNOWN_with_their_text_and_limits_hold()
    {
        var grpc = InProcessNode.CreateGrpcClient(out var http);
        using (http)
        {
            var error = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(_base!, "/net.Orchestrator/Fail", new Net.PingPong(), Net.PingPong.Parser, null, CancellationToken.None));
            Assert.Equal((GrpcStatusCode.Unknown, "plain failure"), (error.Status, error.Message));

            var tooBig = await Assert.ThrowsAsync<GrpcException>(() => grpc.UnaryAsync(_base!, "/net.Orchestrator/Fail", new Net.PingPong { Value = ByteString.CopyFrom(new byte[2048]) }, Net.PingPong.Parser, null, CancellationToken.None));
            Assert.Equal(GrpcStatusCode.ResourceExhausted, tooBig.Status);
        }
    }

    [Theory]
    [InlineData("1H", 36_000_000_000)]
    [InlineData("5S", 50_000_000)]
    [InlineData("250m", 2_500_000)]
    [InlineData("10u", 100)]
    [InlineData("100n", 1)]
    public void Timeouts_parse_in_every_unit(string text, long ticks)
    {
        Assert.True(GrpcProtocol.TryParseTimeout(text, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5")]
    [InlineData("5x")]
    [InlineData("123456789S")]
    [InlineData("-5S")]
    public void Bad_timeouts_are_refused(string text) => Assert.False(GrpcProtocol.TryParseTimeout(text, out _));

    [Fact]
    public void Messages_percent_encode_and_decode()
    {
        Assert.Equal("a%25b%0Ac%C3%A9", GrpcProtocol.EncodeMessage("a%b\nc\u00e9"));
        Assert.Equal("a%b\nc\u00e9", GrpcProtocol.DecodeMessage("a%25b%0Ac%C3%A9"));
        Assert.Equal("bad %zz escape", GrpcProtocol.DecodeMessage("bad %zz escape"));
    }
}
