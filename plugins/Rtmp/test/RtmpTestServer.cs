using System.Collections.Concurrent;
using System.Net;
using Livepeer.Abstractions;
using Livepeer.Abstractions.AspNetCore;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Media;
using Livepeer.Plugins.Rtmp.Server;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Rtmp.Tests;

/// <summary>The plugin's services on a real Kestrel bound to 127.0.0.1:0, as the host binds them; logs are captured.</summary>
internal sealed class RtmpTestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RtmpTestServer(WebApplication app, IMediaStreamHub hub, LogSink logs)
    {
        _app = app;
        Hub = hub;
        Logs = logs;
    }

    public IMediaStreamHub Hub { get; }

    public LogSink Logs { get; }

    public RtmpServer Server => _app.Services.GetRequiredService<RtmpServer>();

    public IServiceProvider Services => _app.Services;

    public int Port => Server.Endpoints[0].Port;

    public Uri Url(string path) => new($"rtmp://127.0.0.1:{Port}/{path}");

    public static async Task<RtmpTestServer> StartAsync(IMediaStreamHub? hub = null, NodeSettings? settings = null, RtmpOptions? options = null)
    {
        hub ??= new InMemoryMediaStreamHub(subscriberBuffer: 4096);
        var logs = new LogSink();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.SetMinimumLevel(LogLevel.Debug);
        builder.Logging.AddProvider(logs);
        builder.Services.AddSingleton(hub);
        builder.Services.AddSingleton<IRandomSource>(new SeededRandomSource(7));
        builder.Services.AddSingleton(settings ?? new NodeSettings(NodeRoles.Gateway, "offchain", Path.GetTempPath()));
        RtmpPlugin.AddServices(builder.Services, (options ?? new RtmpOptions()) with { Address = new IPEndPoint(IPAddress.Loopback, 0) });
        var bound = new List<(ListenOptions, IConnectionListener)>();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            foreach (var listener in kestrel.ApplicationServices.GetServices<IConnectionListener>())
            {
                kestrel.Listen(listener.EndPoint, o =>
                {
                    listener.Configure(o);
                    bound.Add((o, listener));
                });
            }
        });
        var app = builder.Build();
        await app.StartAsync();
        foreach (var (o, listener) in bound)
        {
            listener.OnBound(o.IPEndPoint!);
        }

        return new RtmpTestServer(app, hub, logs);
    }

    public async ValueTask DisposeAsync()
    {
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(stop.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>Captures log lines (event id and message) for assertions.</summary>
internal sealed class LogSink : ILoggerProvider
{
    public ConcurrentQueue<(int EventId, LogLevel Level, string Message)> Entries { get; } = new();

    public bool Contains(int eventId, string text) => Entries.Any(e => e.EventId == eventId && e.Message.Contains(text, StringComparison.Ordinal));

    public async Task WaitForAsync(int eventId, string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Contains(eventId, text))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No log {eventId} containing '{text}'. Logs:\n{string.Join("\n", Entries.Select(e => $"{e.EventId} {e.Message}"))}");
            }

            await Task.Delay(20);
        }
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void Dispose()
    {
    }

    private sealed class Logger(LogSink sink) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            sink.Entries.Enqueue((eventId.Id, logLevel, formatter(state, exception)));
    }
}
