using System.Collections.Concurrent;
using Livepeer.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Livepeer.Samples.TintWorker.Tests;

/// <summary>The orchestrator's registration routes on 127.0.0.1:0, recording what the worker sent.</summary>
internal sealed class FakeOrchestrator : IAsyncDisposable
{
    public const string Secret = "orch-secret";

    private LoopbackHttpServer? _server;

    private int _unavailable;

    public ConcurrentQueue<(string Path, string Authorization, string Body)> Calls { get; } = new();

    /// <summary>How many more registrations to answer 503, as an orchestrator that is still starting.</summary>
    public int UnavailableFor
    {
        get => Volatile.Read(ref _unavailable);
        set => Volatile.Write(ref _unavailable, value);
    }

    public Uri BaseUri => new(_server!.Url, "/");

    public static async Task<FakeOrchestrator> StartAsync()
    {
        var self = new FakeOrchestrator();
        self._server = await LoopbackHttpServer.StartAsync(app =>
        {
            foreach (var path in (string[])["/capability/register", "/capability/unregister"])
            {
                app.MapPost(path, async (HttpContext context) =>
                {
                    using var reader = new StreamReader(context.Request.Body);
                    var authorization = context.Request.Headers.Authorization.ToString();
                    self.Calls.Enqueue((path, authorization, await reader.ReadToEndAsync()));
                    if (Interlocked.Decrement(ref self._unavailable) >= 0)
                    {
                        return Results.Text("starting", statusCode: 503);
                    }

                    Interlocked.Exchange(ref self._unavailable, 0);
                    return authorization == Secret ? Results.Text("ok") : Results.Text("invalid authorization", statusCode: 400);
                });
            }
        });
        return self;
    }

    public ValueTask DisposeAsync() => _server?.DisposeAsync() ?? ValueTask.CompletedTask;
}
