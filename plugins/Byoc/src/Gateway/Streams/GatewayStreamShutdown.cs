using Microsoft.Extensions.Hosting;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// When the node stops, every gateway stream ends — its orchestrator told, its hub output ended, its Server-Sent-Events
/// readers given <c>event: end</c> — in <see cref="StoppingAsync"/>, before the host stops the web server (which waits for
/// open requests such as those readers).
/// </summary>
internal sealed class GatewayStreamShutdown(GatewayStreamTable table) : IHostedLifecycleService
{
    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => EndAllAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => EndAllAsync(cancellationToken);

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EndAllAsync(CancellationToken cancellationToken)
    {
        var streams = table.Snapshot();
        foreach (var stream in streams)
        {
            stream.RequestEnd("the gateway is stopping");
        }

        try
        {
            await Task.WhenAll(streams.Select(s => s.Completion)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // the host's shutdown budget ran out; what is left goes with the process
        }
    }
}
