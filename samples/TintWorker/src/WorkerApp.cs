using System.Collections.Concurrent;
using System.Text.Json;
using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Trickle.Client;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Livepeer.Samples.TintWorker;

/// <summary>
/// The worker's HTTP side, the public BYOC worker contract (go-livepeer <c>byoc/stream_orchestrator.go</c>):
/// <c>POST /stream/start</c>, <c>/stream/params</c>, <c>/stream/stop</c> with <c>X-Stream-Id</c> and an
/// optional bearer token, and <c>GET /health</c>. Registration runs once the listener is up.
/// </summary>
internal sealed class WorkerApp : IAsyncDisposable
{
    private const int MaxBodyBytes = 1 << 20;

    private readonly WorkerOptions _options;
    private readonly ISegmentChannelClients _clients;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, TintSession> _sessions = new(StringComparer.Ordinal);
    private readonly HttpClient _registrationHttp = Registrar.CreateClient();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Stream? _lifeline;
    private Registrar? _registrar;
    private Task _registration = Task.CompletedTask;

    private WorkerApp(WebApplication app, WorkerOptions options, ISegmentChannelClients clients, TimeProvider time, Stream? lifeline)
    {
        App = app;
        _options = options;
        _clients = clients;
        _time = time;
        _lifeline = lifeline;
    }

    public WebApplication App { get; }

    public IReadOnlyDictionary<string, TintSession> Sessions => _sessions;

    public Uri Address => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Whether the first registration with the orchestrator succeeded (completes after start).</summary>
    public Task<bool> Registration => _registrar?.FirstRegistration ?? Task.FromResult(false);

    /// <summary>Successful registrations so far (the first and every renewal).</summary>
    public int Registrations => _registrar?.Registrations ?? 0;

    /// <summary>
    /// Creates the worker. With <see cref="WorkerOptions.ExitOnStdinClose"/> it stops when <paramref name="lifeline"/>
    /// (standard input when null) reaches its end.
    /// </summary>
    public static WorkerApp Create(WorkerOptions options, string[] args, ISegmentChannelClients? clients = null, TimeProvider? time = null, Stream? lifeline = null)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.WebHost.UseUrls(options.Listen);
        // One line per message, so a node that runs the worker can pass its output on line by line.
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);
        var app = builder.Build();
        time ??= TimeProvider.System;
        clients ??= new TrickleChannelClients(
            new TrickleClientOptions { InsecureSkipVerify = true }, // orchestrators serve trickle with a self-signed certificate
            time,
            app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Trickle"));
        var worker = new WorkerApp(app, options, clients, time, lifeline);
        worker.Map();
        return worker;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await App.StartAsync(cancellationToken).ConfigureAwait(false);
        _registrar = new Registrar(_options, Address, _registrationHttp, _time, App.Logger);
        _registration = _registrar.RunAsync(_stopping.Token);
        if (_options.ExitOnStdinClose)
        {
            _ = Task.Factory.StartNew(WatchLifeline, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _registration.ConfigureAwait(false);
        foreach (var session in _sessions.Values)
        {
            await session.DisposeAsync().ConfigureAwait(false);
        }

        if (_registrar is { Registrations: > 0 })
        {
            await _registrar.UnregisterAsync(CancellationToken.None).ConfigureAwait(false);
        }

        await App.StopAsync().ConfigureAwait(false);
        await App.DisposeAsync().ConfigureAwait(false);
        _registrationHttp.Dispose();
        _stopping.Dispose();
        (_clients as IDisposable)?.Dispose();
    }

    // Blocking reads on a dedicated thread: nothing is ever written, so the read returns only at the end of the pipe.
    private void WatchLifeline()
    {
        try
        {
            var input = _lifeline ?? Console.OpenStandardInput();
            var buffer = new byte[256];
            while (input.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
        }

        WorkerLog.StdinClosed(App.Logger);
        App.Lifetime.StopApplication();
    }

    private void Map()
    {
        App.MapGet("/health", () => Results.Json(new Dictionary<string, string> { ["status"] = "OK" }));
        App.MapPost("/stream/start", (Func<HttpContext, Task<IResult>>)StartAsync);
        App.MapPost("/stream/params", (Func<HttpContext, Task<IResult>>)ParamsAsync);
        App.MapPost("/stream/stop", (Func<HttpContext, Task<IResult>>)StopAsync);
    }

    private async Task<IResult> StartAsync(HttpContext context)
    {
        if (Unauthorized(context) is { } denied)
        {
            return denied;
        }

        StartRequest start;
        TintParams tint;
        try
        {
            using var body = await ReadJsonAsync(context).ConfigureAwait(false);
            start = StartRequest.Parse(body.RootElement, context.Request.Headers["X-Stream-Id"].FirstOrDefault());
            tint = start.Params is { } p ? TintParams.Apply(TintParams.Gray, p) : TintParams.Gray;
        }
        catch (FormatException e)
        {
            return Error(StatusCodes.Status400BadRequest, "Error starting stream: " + e.Message);
        }

        if (_sessions.ContainsKey(start.StreamId) || _sessions.Count >= _options.Capacity)
        {
            return Error(StatusCodes.Status409Conflict, "Pipeline is still in use");
        }

        var session = new TintSession(start, tint, _clients, _time, App.Logger);
        if (!_sessions.TryAdd(start.StreamId, session))
        {
            return Error(StatusCodes.Status409Conflict, "Pipeline is still in use");
        }

        await session.StartAsync().ConfigureAwait(false);
        WorkerLog.Started(App.Logger, start.StreamId, tint.U, tint.V);
        return Results.Json(new Dictionary<string, object> { ["status"] = "started", ["gateway_request_id"] = start.StreamId });
    }

    private async Task<IResult> ParamsAsync(HttpContext context)
    {
        if (Unauthorized(context) is { } denied)
        {
            return denied;
        }

        if (Find(context) is not { } session)
        {
            return Error(StatusCodes.Status400BadRequest, "No active stream");
        }

        try
        {
            using var body = await ReadJsonAsync(context).ConfigureAwait(false);
            await session.UpdateAsync(TintParams.Apply(session.Params, body.RootElement)).ConfigureAwait(false);
        }
        catch (FormatException e)
        {
            return Error(StatusCodes.Status400BadRequest, e.Message);
        }

        return Results.Json(new Dictionary<string, object> { ["status"] = "ok", ["u"] = session.Params.U, ["v"] = session.Params.V });
    }

    // Idempotent, as the runner SDK: the orchestrator may stop twice (client stop, then its monitor).
    private async Task<IResult> StopAsync(HttpContext context)
    {
        if (Unauthorized(context) is { } denied)
        {
            return denied;
        }

        var id = context.Request.Headers["X-Stream-Id"].FirstOrDefault();
        foreach (var key in id is null ? [.. _sessions.Keys] : new[] { id })
        {
            if (_sessions.TryRemove(key, out var session))
            {
                await session.DisposeAsync().ConfigureAwait(false);
            }
        }

        return Results.Json(new Dictionary<string, string> { ["status"] = "stopped" });
    }

    private TintSession? Find(HttpContext context)
    {
        var id = context.Request.Headers["X-Stream-Id"].FirstOrDefault();
        return id is not null ? _sessions.GetValueOrDefault(id) : _sessions.Count == 1 ? _sessions.Values.First() : null;
    }

    private IResult? Unauthorized(HttpContext context) =>
        _options.Token is { } token && context.Request.Headers.Authorization.FirstOrDefault() != "Bearer " + token
            ? Error(StatusCodes.Status401Unauthorized, "invalid token")
            : null;

    private static async Task<JsonDocument> ReadJsonAsync(HttpContext context)
    {
        if (context.Request.ContentLength > MaxBodyBytes)
        {
            throw new FormatException("body is too large");
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                throw new FormatException("body is too large");
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            return JsonDocument.Parse(buffer.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            throw new FormatException("body is not JSON", e);
        }
    }

    private static IResult Error(int status, string message) =>
        Results.Json(new Dictionary<string, string> { ["status"] = "error", ["message"] = message }, statusCode: status);
}
