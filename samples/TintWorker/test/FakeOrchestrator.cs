using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Samples.TintWorker.Tests;

/// <summary>The orchestrator's registration routes on 127.0.0.1:0, recording what the worker sent.</summary>
internal sealed class FakeOrchestrator : IAsyncDisposable
{
    public const string Secret = "orch-secret";

    private readonly WebApplication _app;

    private FakeOrchestrator(WebApplication app) => _app = app;

    public ConcurrentQueue<(string Path, string Authorization, string Body)> Calls { get; } = new();

    public Uri BaseUri => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public static async Task<FakeOrchestrator> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var self = new FakeOrchestrator(app);
        foreach (var path in (string[])["/capability/register", "/capability/unregister"])
        {
            app.MapPost(path, async (HttpContext context) =>
            {
                using var reader = new StreamReader(context.Request.Body);
                var authorization = context.Request.Headers.Authorization.ToString();
                self.Calls.Enqueue((path, authorization, await reader.ReadToEndAsync()));
                return authorization == Secret ? Results.Text("ok") : Results.Text("invalid authorization", statusCode: 400);
            });
        }

        await app.StartAsync();
        return self;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
