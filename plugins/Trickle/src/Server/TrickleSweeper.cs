using Livepeer.Plugins.Trickle.Core;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Trickle.Server;

/// <summary>
/// Upstream <c>Server.Start</c>: every SweepInterval closes idle channels; on stop closes every channel so
/// long-polling requests end before the host shuts down.
/// </summary>
internal sealed class TrickleSweeper : IHostedService, IAsyncDisposable
{
    private readonly ChannelRegistry _registry;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private Task? _loop;

    public TrickleSweeper(ChannelRegistry registry, ILogger logger)
    {
        _registry = registry;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = RunAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _registry.CloseAll();
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task RunAsync(CancellationToken stopping)
    {
        using var timer = new PeriodicTimer(_registry.Options.SweepInterval, _registry.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(stopping).ConfigureAwait(false))
            {
                try
                {
                    foreach (var name in _registry.Sweep())
                    {
                        TrickleLog.ChannelSwept(_logger, name);
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    TrickleLog.SweepFailed(_logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
        }
    }
}
