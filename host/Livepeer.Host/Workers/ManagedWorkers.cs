using System.Text.Json.Nodes;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Status;
using Livepeer.Host.Configuration;
using Livepeer.Host.Hosting;

namespace Livepeer.Host.Workers;

/// <summary>
/// Runs the node's managed workers (<c>Workers:*</c>): each starts once the node listens (so <c>{orchUrl}</c> is
/// known and registration can succeed), and all are stopped at the start of shutdown, while the node still
/// serves, so they can unregister. Their state is the <c>workers</c> section of <c>GET /status</c>.
/// </summary>
internal sealed class ManagedWorkers : IHostedLifecycleService, INodeStatusSection, IDisposable
{
    private readonly IReadOnlyList<ManagedWorkerDefinition> _definitions;
    private readonly NodeOptions _options;
    private readonly NodeListeners _listeners;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly TimeProvider _time;
    private readonly ILoggerFactory _loggers;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<ManagedWorker> _workers = [];
    private readonly List<Task> _runs = [];
    private ProcessSpawner? _spawner;
    private bool _stopRequested;
    private int _disposed;

    public ManagedWorkers(IReadOnlyList<ManagedWorkerDefinition> definitions, NodeOptions options, NodeListeners listeners, IHostApplicationLifetime lifetime, TimeProvider time, ILoggerFactory loggers)
    {
        _definitions = definitions;
        _options = options;
        _listeners = listeners;
        _lifetime = lifetime;
        _time = time;
        _loggers = loggers;
    }

    public string Name => "workers";

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_definitions.Any(d => d.Enabled))
        {
            _lifetime.ApplicationStarted.Register(StartAll);
        }

        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => StopAllAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => StopAllAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public JsonNode? Snapshot()
    {
        var result = new JsonObject();
        lock (_gate)
        {
            foreach (var definition in _definitions)
            {
                result[definition.Name] = _workers.FirstOrDefault(w => w.Name == definition.Name)?.Snapshot()
                    ?? new JsonObject { ["state"] = definition.Enabled ? "starting" : "disabled" };
            }
        }

        return result;
    }

    // The container may dispose it once per registration (it is also the hosted service and the status section).
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _stopping.Dispose();
        _spawner?.Dispose();
    }

    private void StartAll()
    {
        lock (_gate)
        {
            if (_stopRequested)
            {
                return;
            }

            _spawner = new ProcessSpawner();
            var placeholders = new WorkerPlaceholders(
                _listeners.GetLocalUri(NodeListener.Service)?.ToString().TrimEnd('/') ?? "",
                _options.OrchSecret,
                AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar),
                _options.DataDir,
                WorkerPlaceholders.CurrentDotnet());
            foreach (var definition in _definitions.Where(d => d.Enabled))
            {
                var worker = new ManagedWorker(definition, placeholders, _spawner, _time, _loggers.CreateLogger("Livepeer.Host.Workers." + definition.Name));
                _workers.Add(worker);
                _runs.Add(Task.Run(() => worker.RunAsync(_stopping.Token)));
            }
        }
    }

    private async Task StopAllAsync(CancellationToken cancellationToken)
    {
        Task[] runs;
        lock (_gate)
        {
            _stopRequested = true;
            runs = [.. _runs];
        }

        await _stopping.CancelAsync().ConfigureAwait(false);

        await Task.WhenAll(runs).WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
