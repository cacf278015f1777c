using Livepeer.Plugins.Byoc.Gateway.Orchestrators;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// Runs a gateway stream from the client's start to its end (go-livepeer <c>runStream</c>, with failover): attempts on
/// one orchestrator after another — each failed one stopped with its reason and excluded — while the ingest, the hub
/// output and the data feed carry on, so the client's connections survive a swap. More than
/// <see cref="GatewayOptions.MaxSwaps"/> swaps within <see cref="GatewayOptions.SwapWindow"/>, or no orchestrator left,
/// ends the stream with an error. The teardown at the end is the only place a stream's resources are released.
/// </summary>
internal sealed class StreamRunner(StreamServices services)
{
    /// <summary>Starts <paramref name="stream"/> in the background on the orchestrators of <paramref name="tokens"/>.</summary>
    public void Start(GatewayStream stream, IReadOnlyList<OrchestratorToken> tokens) =>
        stream.Completion = services.Counters.Run(() => RunAsync(stream, tokens), services.Logger, stream.Id);

    private async Task RunAsync(GatewayStream stream, IReadOnlyList<OrchestratorToken> tokens)
    {
        var watchdog = Task.CompletedTask;
        try
        {
            GatewayLog.StreamStarted(services.Logger, stream.Id, stream.Capability);
            if (services.Hub is { } hub)
            {
                stream.Ingest.Attach(hub); // the client may have started publishing before it started the stream
            }

            watchdog = services.Counters.Run(() => new StreamWatchdog(stream, services).RunAsync(stream.Stopping), services.Logger, stream.Id);
            await AttemptAsync(stream, new OrchestratorPicker(stream, tokens, services)).ConfigureAwait(false);
        }
        finally
        {
            stream.RequestEnd("stream ended");
            await TeardownAsync(stream, watchdog).ConfigureAwait(false);
        }
    }

    private async Task AttemptAsync(GatewayStream stream, OrchestratorPicker picker)
    {
        string? lastFailure = null;
        while (!stream.Stopping.IsCancellationRequested)
        {
            OrchestratorToken? token;
            try
            {
                token = await picker.NextAsync(stream.Stopping).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            if (token is null)
            {
                stream.RequestEnd(lastFailure is null ? $"no orchestrator available for {stream.Capability}" : $"no orchestrator left for {stream.Capability}; last failure: {lastFailure}", error: true);
                return;
            }

            var session = new OrchestratorSession(stream, token, services);
            stream.Begin(session);
            var failure = await session.RunAsync(stream.Stopping).ConfigureAwait(false);
            if (failure is null)
            {
                return; // the stream is ending: the teardown ends this attempt
            }

            lastFailure = $"{token.Orchestrator}: {failure}";
            GatewayLog.LegFailed(services.Logger, stream.Id, token.Orchestrator, failure);
            stream.Failed(lastFailure);
            picker.Exclude(token.Orchestrator);
            await session.EndAsync(failure).ConfigureAwait(false);
            if (!stream.Swaps.TryRecord())
            {
                stream.RequestEnd($"too many orchestrator swaps ({services.Options.MaxSwaps} allowed within {services.Options.SwapWindow.TotalSeconds:0.###} s); last failure: {lastFailure}", error: true);
                return;
            }
        }
    }

    private async Task TeardownAsync(GatewayStream stream, Task watchdog)
    {
        if (stream.Current is { } session)
        {
            stream.StopAnswer = await session.EndAsync(stream.StopBody).ConfigureAwait(false);
        }

        await watchdog.ConfigureAwait(false);
        await stream.Ingest.DisposeAsync().ConfigureAwait(false);
        await stream.Output.DisposeAsync().ConfigureAwait(false);
        stream.Data?.Complete();
        services.Table.Remove(stream, StreamStatus.Of(stream, services.Time));
        services.Counters.Close(StreamResource.Streams);
        GatewayLog.StreamEnded(services.Logger, stream.Id, stream.EndReason ?? "stream ended");
    }
}
