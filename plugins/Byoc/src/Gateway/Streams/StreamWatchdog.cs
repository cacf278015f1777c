namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>
/// Looks at a stream every <see cref="GatewayOptions.WatchdogInterval"/> on the injected clock (go-livepeer's events
/// liveness check and output segment watchdog, protocols §1.9): the stream ends when its ingest has been gone for
/// <see cref="GatewayOptions.IngestTimeout"/>; the current orchestrator is given up when its worker sent no event for
/// <see cref="GatewayOptions.EventsTimeout"/>, or when no output came for <see cref="GatewayOptions.OutputTimeout"/> while
/// input is fresh (its last segment younger than half that, as upstream). Both gaps count from the attempt's start at the
/// earliest, so a new orchestrator gets the full time.
/// </summary>
internal sealed class StreamWatchdog(GatewayStream stream, StreamServices services)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(services.Options.WatchdogInterval, services.Time);
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            CheckOnce();
        }
    }

    public void CheckOnce()
    {
        var options = services.Options;
        var time = services.Time;
        if (stream.Flags.VideoIngress && stream.Ingest.GoneFor >= options.IngestTimeout)
        {
            stream.RequestEnd($"no ingest for {Seconds(options.IngestTimeout)}");
            return;
        }

        if (stream.Current is not { StartedAt: { } started } session)
        {
            return;
        }

        var lastEvent = Math.Max(started, stream.Events.LastEventAt ?? started);
        if (time.GetElapsedTime(lastEvent) >= options.EventsTimeout)
        {
            session.Fail($"no events from the worker for {Seconds(options.EventsTimeout)}");
            return;
        }

        if (!stream.Flags.VideoEgress)
        {
            return;
        }

        var lastOutput = Math.Max(started, stream.Output.LastSegmentAt ?? started);
        var inputFresh = stream.Ingest.SinceLastSegment is { } sinceInput && sinceInput < options.OutputTimeout / 2;
        if (inputFresh && time.GetElapsedTime(lastOutput) >= options.OutputTimeout)
        {
            session.Fail($"no output for {Seconds(options.OutputTimeout)} while input keeps coming");
        }
    }

    private static string Seconds(TimeSpan span) => $"{span.TotalSeconds:0.###} s";
}
