using System.ComponentModel;
using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Livepeer.Host.Workers;

/// <summary>
/// Supervises one worker: starts it (stdin a pipe the node holds and never writes, stdout/stderr passed to the
/// node's log line by line), restarts it after it exits with a back-off (1 s doubling to 30 s, back to 1 s after a
/// minute of running), and on stop closes its stdin, sends SIGTERM and kills it after the stop timeout.
/// </summary>
internal sealed class ManagedWorker
{
    public static readonly TimeSpan FirstBackoff = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan HealthyRun = TimeSpan.FromMinutes(1);

    private readonly ManagedWorkerDefinition _definition;
    private readonly WorkerPlaceholders _placeholders;
    private readonly ProcessSpawner _spawner;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Lock _gate = new();
    private string _state = "starting";
    private int? _pid;
    private int _starts;
    private int? _lastExitCode;
    private string? _lastError;

    public ManagedWorker(ManagedWorkerDefinition definition, WorkerPlaceholders placeholders, ProcessSpawner spawner, TimeProvider time, ILogger logger)
    {
        _definition = definition;
        _placeholders = placeholders;
        _spawner = spawner;
        _time = time;
        _logger = logger;
    }

    public string Name => _definition.Name;

    /// <summary>Runs the worker until <paramref name="stopping"/> fires, then stops it.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        var backoff = FirstBackoff;
        while (!stopping.IsCancellationRequested)
        {
            Process process;
            try
            {
                process = await _spawner.StartAsync(StartInfo()).ConfigureAwait(false);
            }
            catch (Exception e) when (e is Win32Exception or InvalidOperationException or IOException)
            {
                Set("failed", null, error: e.Message);
                WorkersLog.StartFailed(_logger, Name, e.Message, backoff);
                if (!await PauseAsync(backoff, stopping).ConfigureAwait(false))
                {
                    break;
                }

                backoff = Next(backoff);
                continue;
            }

            using (process)
            {
                var startedAt = _time.GetTimestamp();
                Set("running", process.Id, error: null, started: true);
                WorkersLog.Started(_logger, Name, process.Id, Describe());
                var output = Task.WhenAll(
                    WorkerOutput.PumpAsync(process.StandardOutput.BaseStream, line => WorkersLog.Output(_logger, Name, line)),
                    WorkerOutput.PumpAsync(process.StandardError.BaseStream, line => WorkersLog.ErrorOutput(_logger, Name, line)));
                var exited = process.WaitForExitAsync(CancellationToken.None);
                await Task.WhenAny(exited, Task.Delay(Timeout.Infinite, stopping)).ConfigureAwait(false);
                if (!exited.IsCompleted)
                {
                    await StopAsync(process).ConfigureAwait(false);
                    await output.WaitAsync(TimeSpan.FromSeconds(2), _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    WorkersLog.Stopped(_logger, Name, process.ExitCode);
                    Set("stopped", null, exitCode: process.ExitCode);
                    return;
                }

                await output.WaitAsync(TimeSpan.FromSeconds(2), _time, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                if (_time.GetElapsedTime(startedAt) >= HealthyRun)
                {
                    backoff = FirstBackoff;
                }

                Set(stopping.IsCancellationRequested ? "stopped" : "restarting", null, exitCode: process.ExitCode);
                if (stopping.IsCancellationRequested)
                {
                    WorkersLog.Stopped(_logger, Name, process.ExitCode);
                    return;
                }

                WorkersLog.Exited(_logger, Name, process.ExitCode, backoff);
            }

            if (!await PauseAsync(backoff, stopping).ConfigureAwait(false))
            {
                break;
            }

            backoff = Next(backoff);
        }

        Set("stopped", null);
    }

    /// <summary>The worker's state for <c>GET /status</c>.</summary>
    public JsonObject Snapshot()
    {
        lock (_gate)
        {
            return new JsonObject
            {
                ["state"] = _state,
                ["pid"] = _pid,
                ["starts"] = _starts,
                ["lastExitCode"] = _lastExitCode,
                ["lastError"] = _lastError,
                ["command"] = Describe(),
            };
        }
    }

    /// <summary>The command line as configured, placeholders expanded except the secret.</summary>
    public string Describe() =>
        string.Join(' ', new[] { _definition.Command }.Concat(_definition.Args).Select(a => (_placeholders with { OrchSecret = "***" }).Expand(a)));

    private ProcessStartInfo StartInfo()
    {
        var info = new ProcessStartInfo(_placeholders.Expand(_definition.Command))
        {
            UseShellExecute = false,
            RedirectStandardInput = true, // the lifeline: open while the node lives, never written
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _placeholders.Expand(_definition.WorkingDirectory ?? _placeholders.DataDir),
        };
        foreach (var argument in _definition.Args)
        {
            info.ArgumentList.Add(_placeholders.Expand(argument));
        }

        foreach (var (key, value) in _definition.Env)
        {
            info.Environment[key] = _placeholders.Expand(value);
        }

        return info;
    }

    private async Task StopAsync(Process process)
    {
        try
        {
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // It has already gone.
        }

        ProcessSpawner.Terminate(process.Id);
        using var timeout = new CancellationTokenSource(_definition.StopTimeout, _time);
        try
        {
            await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            WorkersLog.Killed(_logger, Name, _definition.StopTimeout);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    private async Task<bool> PauseAsync(TimeSpan delay, CancellationToken stopping)
    {
        try
        {
            await Task.Delay(delay, _time, stopping).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static TimeSpan Next(TimeSpan backoff) => backoff * 2 < MaxBackoff ? backoff * 2 : MaxBackoff;

    private void Set(string state, int? pid, int? exitCode = null, string? error = null, bool started = false)
    {
        lock (_gate)
        {
            _state = state;
            _pid = pid;
            _lastExitCode = exitCode ?? _lastExitCode;
            _lastError = error ?? (started ? null : _lastError);
            _starts += started ? 1 : 0;
        }
    }
}
