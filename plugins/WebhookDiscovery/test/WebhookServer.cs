using System.Collections.Concurrent;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.WebhookDiscovery.Tests;

/// <summary>A real Kestrel webhook on 127.0.0.1 with an OS-chosen port, whose answer a test sets.</summary>
internal sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<IReadOnlyDictionary<string, string>> _requests = new();
    private volatile Func<HttpContext, Task> _handler = context => context.Response.WriteAsync("[]");

    private WebhookServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The webhook's URL, with a path and a query as an operator's might have.</summary>
    public Uri Url { get; }

    /// <summary>Requests received so far.</summary>
    public int RequestCount => _requests.Count;

    /// <summary>The headers of every request received, in order.</summary>
    public IReadOnlyList<IReadOnlyDictionary<string, string>> Requests => [.. _requests];

    public static async Task<WebhookServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        WebhookServer? server = null;
        app.Run(context =>
        {
            server!._requests.Enqueue(context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase));
            return server._handler(context);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        server = new WebhookServer(app, new Uri(new Uri(address), "/orchestrators?region=eu"));
        return server;
    }

    /// <summary>Answers every request with <paramref name="body"/> and <paramref name="status"/>.</summary>
    public void Respond(string body, int status = 200, string contentType = "application/json") =>
        Respond(Encoding.UTF8.GetBytes(body), status, contentType);

    /// <summary>Answers every request with <paramref name="body"/> and <paramref name="status"/>.</summary>
    public void Respond(byte[] body, int status = 200, string contentType = "application/json") =>
        Handle(async context =>
        {
            context.Response.StatusCode = status;
            context.Response.ContentType = contentType;
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        });

    /// <summary>Answers every request with <paramref name="handler"/>.</summary>
    public void Handle(Func<HttpContext, Task> handler) => _handler = handler;

    public async ValueTask DisposeAsync()
    {
        using (var stop = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            await _app.StopAsync(stop.Token);
        }

        await _app.DisposeAsync();
    }
}
