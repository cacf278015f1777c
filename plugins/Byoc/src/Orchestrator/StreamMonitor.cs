using Livepeer.Abstractions.Channels;
using Livepeer.Plugins.Byoc.Billing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Livepeer.Plugins.Byoc.Orchestrator;

/// <summary>
/// Looks after running streams every <see cref="ByocOptions.MonitorInterval"/> (upstream <c>monitorOrchStream</c>):
/// ends a stream whose client vanished (its control channel, or its video-in channel, was deleted — the
/// SDK's <c>close()</c> DELETEs the channels it publishes, and trickle's idle sweep deletes abandoned ones),
/// whose capability finished or failed, or whose balance stayed negative for a second debit (one grace
/// period, as upstream). Debits run every <see cref="ByocOptions.DebitInterval"/> for the time elapsed.
/// </summary>
/// <remarks>
/// When the node stops, every stream ends in <see cref="StoppingAsync"/>, which the host runs before it stops any hosted
/// service — the web server included, which waits for open requests: the streams' channels are deleted first, so the
/// long-polls of gateways and workers on them end at once instead of holding the shutdown until they time out.
/// </remarks>
internal sealed class StreamMonitor(StreamLifecycle lifecycle, ByocBilling billing, ISegmentChannels? channels, ByocOptions options, TimeProvider time, ILogger logger) : BackgroundService, IHostedLifecycleService
{
    /// <summary>One pass over every stream (the timer calls it; tests call it directly).</summary>
    public async Task CheckOnceAsync(CancellationToken cancellationToken)
    {
        foreach (var stream in lifecycle.Streams.Snapshot())
        {
            if (stream.Session is not { } session)
            {
                continue; // still starting
            }

            if (session.Completion.IsCompleted)
            {
                await lifecycle.EndAsync(stream, session.Completion.IsFaulted ? "the capability failed" : "the capability finished", null, stopCapability: false).ConfigureAwait(false);
                continue;
            }

            if (channels is not null && (channels.GetChannel(stream.Names.Control) is null || (stream.VideoIngress && channels.GetChannel(stream.Names.VideoIn) is null)))
            {
                await lifecycle.EndAsync(stream, "the client went away (its channels were deleted)", null, stopCapability: true).ConfigureAwait(false);
                continue;
            }

            var elapsed = time.GetElapsedTime(stream.LastDebit);
            if (elapsed < options.DebitInterval)
            {
                continue;
            }

            stream.LastDebit = time.GetTimestamp();
            var balance = await billing.DebitAsync(stream.Sender, stream.LedgerKey, stream.Price, elapsed, cancellationToken).ConfigureAwait(false);
            if (balance is not { Sign: < 0 })
            {
                stream.InGrace = false; // paid up again
                continue;
            }

            if (stream.InGrace)
            {
                await lifecycle.EndAsync(stream, "insufficient balance", null, stopCapability: true).ConfigureAwait(false);
            }
            else
            {
                stream.InGrace = true;
            }
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.MonitorInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await CheckOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    ByocLog.MonitorFailed(logger, e);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => EndAllAsync();

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await EndAllAsync().ConfigureAwait(false); // any stream that started since StoppingAsync
    }

    // The node is going down: end every stream so workers are told and channels freed.
    private async Task EndAllAsync()
    {
        foreach (var stream in lifecycle.Streams.Snapshot())
        {
            await lifecycle.EndAsync(stream, "the node is stopping", null, stopCapability: true).ConfigureAwait(false);
        }
    }
}
