using System.Net;
using System.Net.Sockets;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Host.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Host.Tests.Hosting;

/// <summary>Plugin raw-TCP listeners on real Kestrel: the usual transport, and the I/O-thread one for <c>RunsOnIoThread</c>.</summary>
public sealed class IoThreadTransportTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PluginListenerEchoesOnItsBoundPort(bool onIoThread)
    {
        var listener = new EchoListener(onIoThread);
        await using var app = await StartAsync(listener);

        Assert.NotEqual(0, listener.Bound!.Port);
        using var client = new TcpClient();
        await client.ConnectAsync(listener.Bound);
        var stream = client.GetStream();
        var reply = new byte[5];
        for (var i = 0; i < 6; i++)
        {
            await stream.WriteAsync("hello"u8.ToArray());
            await stream.ReadExactlyAsync(reply);
            Assert.Equal("hello"u8.ToArray(), reply);
        }

        // The I/O-thread transport hands reads to the handler on the socket engine's own thread, never a pool worker;
        // the usual transport continues on the thread pool. (The first reads may complete on the pool thread that
        // started the handler, or for a receive queued before the socket was switched: only the later ones tell.)
        lock (listener.ReadOnPoolThread)
        {
            Assert.Equal(6, listener.ReadOnPoolThread.Count);
            Assert.Equal(Enumerable.Repeat(!onIoThread, 3), listener.ReadOnPoolThread.Skip(3));
        }
    }

    [Fact]
    public void OnlyTheIoThreadTransportBindsItsEndPoints()
    {
        using var logging = LoggerFactory.Create(_ => { });
        var transport = new IoThreadTransport(logging);
        Assert.True(transport.CanBind(new IoThreadEndPoint(new IPEndPoint(IPAddress.Loopback, 0))));
        Assert.False(transport.CanBind(new IPEndPoint(IPAddress.Loopback, 0)));
        Assert.True(IoThreadTransport.CompletesOnEpollThread, "this runtime no longer has Socket.PreferInlineCompletions");
    }

    private static async Task<WebApplication> StartAsync(EchoListener listener)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<IConnectionListenerFactory, IoThreadTransport>();
        var listeners = new NodeListeners();
        builder.WebHost.ConfigureKestrel(kestrel => listeners.Bind(kestrel, listener));
        var app = builder.Build();
        await app.StartAsync();
        listeners.NotifyBound();
        return app;
    }

    private sealed class EchoListener(bool onIoThread) : Livepeer.Abstractions.AspNetCore.IConnectionListener
    {
        public string Name => "echo";

        public IPEndPoint EndPoint { get; } = new(IPAddress.Loopback, 0);

        public string Scheme => "echo";

        public bool RunsOnIoThread => onIoThread;

        public IPEndPoint? Bound { get; private set; }

        public List<bool> ReadOnPoolThread { get; } = [];

        public void Configure(IConnectionBuilder builder) => builder.Run(async connection =>
        {
            var input = connection.Transport.Input;
            while (true)
            {
                var result = await input.ReadAsync();
                lock (ReadOnPoolThread)
                {
                    ReadOnPoolThread.Add(Thread.CurrentThread.IsThreadPoolThread);
                }

                foreach (var segment in result.Buffer)
                {
                    await connection.Transport.Output.WriteAsync(segment);
                }

                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return;
                }
            }
        });

        public void OnBound(IPEndPoint boundEndPoint) => Bound = boundEndPoint;
    }
}
