using System.Collections.Concurrent;
using Livepeer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Plugins.Byoc.Tests.Fakes;

/// <summary>A BYOC worker on Kestrel 127.0.0.1:0 that records every call and answers as the test tells it to.</summary>
internal sealed class FakeWorker : IAsyncDisposable
{
    private readonly LoopbackHttpServer _server;

    private FakeWorker(LoopbackHttpServer server)
    {
        _server = server;
        Url = server.Url;
    }

    public sealed record Call(string Path, string Body, string? StreamId, string? Authorization, string? ContentType);

    public Uri Url { get; }

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Answers by path (<c>/stream/start</c>, <c>/run</c>…): status, content type, body, delay. Default: 200 JSON.</summary>
    public ConcurrentDictionary<string, (int Status, string ContentType, string Body, TimeSpan Delay)> Answers { get; } = new();

    /// <summary>Runs on every call after it is recorded and before it is answered (a passthrough worker starts its relays here).</summary>
    public Func<Call, Task>? OnCall { get; set; }

    public IEnumerable<Call> CallsTo(string path) => Calls.Where(c => c.Path == path);

    public static async Task<FakeWorker> StartAsync()
    {
        FakeWorker? worker = null;
        var server = await LoopbackHttpServer.StartAsync(app => app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var path = context.Request.Path.Value ?? "";
            var call = new Call(path, body, context.Request.Headers["X-Stream-Id"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault(), context.Request.ContentType);
            worker!.Calls.Enqueue(call);
            if (worker.OnCall is { } onCall)
            {
                await onCall(call);
            }

            var (status, type, text, delay) = worker.Answers.TryGetValue(path, out var answer) ? answer : (200, "application/json", """{"status":"ok"}""", TimeSpan.Zero);
            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted);
            }

            context.Response.StatusCode = status;
            context.Response.ContentType = type;
            if (type == "text/event-stream")
            {
                foreach (var line in text.Split('\n'))
                {
                    await context.Response.WriteAsync(line + "\n", context.RequestAborted);
                    await context.Response.Body.FlushAsync(context.RequestAborted);
                }

                return;
            }

            await context.Response.WriteAsync(text, context.RequestAborted);
        }));
        worker = new FakeWorker(server);
        return worker;
    }

    public Task StopAsync() => _server.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
    }
}
