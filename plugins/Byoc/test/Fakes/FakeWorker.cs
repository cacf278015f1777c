using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Tests.Fakes;

/// <summary>A BYOC worker on Kestrel 127.0.0.1:0 that records every call and answers as the test tells it to.</summary>
internal sealed class FakeWorker : IAsyncDisposable
{
    private readonly WebApplication _app;

    private FakeWorker(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public sealed record Call(string Path, string Body, string? StreamId, string? Authorization, string? ContentType);

    public Uri Url { get; }

    public ConcurrentQueue<Call> Calls { get; } = new();

    /// <summary>Answers by path (<c>/stream/start</c>, <c>/run</c>…): status, content type, body, delay. Default: 200 JSON.</summary>
    public ConcurrentDictionary<string, (int Status, string ContentType, string Body, TimeSpan Delay)> Answers { get; } = new();

    public IEnumerable<Call> CallsTo(string path) => Calls.Where(c => c.Path == path);

    public static async Task<FakeWorker> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        FakeWorker? worker = null;
        app.Run(async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            var path = context.Request.Path.Value ?? "";
            worker!.Calls.Enqueue(new Call(path, body, context.Request.Headers["X-Stream-Id"].FirstOrDefault(), context.Request.Headers.Authorization.FirstOrDefault(), context.Request.ContentType));
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
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        worker = new FakeWorker(app, new Uri(address));
        return worker;
    }

    public async Task StopAsync() => await _app.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
