using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Host.Tests.Discovery;

/// <summary>A real local HTTP server on 127.0.0.1:0 standing in for an operator's webhook; records request bodies.</summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public ConcurrentQueue<string> Bodies { get; } = new();

    /// <summary>What the next requests get.</summary>
    public Func<HttpContext, Task> Respond { get; set; } = _ => Task.CompletedTask;

    public static async Task<WebhookServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookServer? self = null;
        app.MapPost("/auth", async context =>
        {
            using var reader = new StreamReader(context.Request.Body);
            self!.Bodies.Enqueue(await reader.ReadToEndAsync(context.RequestAborted));
            await self.Respond(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new WebhookServer(app, new Uri(new Uri(address), "/auth"));
        return self;
    }

    public static Func<HttpContext, Task> Json(int status, string body) => async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body, context.RequestAborted);
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
