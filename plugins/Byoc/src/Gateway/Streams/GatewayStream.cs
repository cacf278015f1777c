using System.Text.Json;
using Livepeer.Abstractions.Byoc;
using Livepeer.Plugins.Byoc.Gateway.Http;
using Livepeer.Plugins.Byoc.Gateway.Orchestrators;

namespace Livepeer.Plugins.Byoc.Gateway.Streams;

/// <summary>Where a gateway stream is in its life.</summary>
internal enum StreamPhase
{
    /// <summary>Looking for, or starting on, an orchestrator.</summary>
    Starting,

    /// <summary>Running on an orchestrator.</summary>
    Running,

    /// <summary>Its orchestrator failed; moving to another.</summary>
    Swapping,

    /// <summary>Ending or ended.</summary>
    Ended,
}

/// <summary>
/// One stream of the gateway's BYOC API: what the client asked for (capability, flags, params, outputs), the parts that
/// outlive orchestrator swaps — the ingest (<see cref="IngestRelay"/>), the output into the hub (<see cref="OutputRelay"/>),
/// the data feed and the events record — and its state. <see cref="StreamRunner"/> drives it; every way a stream ends goes
/// through <see cref="RequestEnd"/>, and the runner tears it down in one place.
/// </summary>
internal sealed class GatewayStream
{
    private readonly Lock _lock = new();
    // Never disposed: handlers may still wait on its token after the stream ended (it holds no timer or handle).
    private readonly CancellationTokenSource _stopping = new();
    private readonly List<Uri> _orchestrators = [];
    private string? _params;
    private StreamPhase _phase = StreamPhase.Starting;
    private string? _endReason;
    private string? _error;
    private string? _stopBody;
    private OrchestratorSession? _current;

    public GatewayStream(string id, ClientJob job, StreamUrls urls, string? initialParams, StreamServices services, IReadOnlyList<(Abstractions.Egress.IEgress, Uri)> pushes)
    {
        Id = id;
        Capability = job.Header.Capability;
        RequestJson = JsonSerializer.Serialize(new Dictionary<string, string> { ["stream_id"] = id });
        ParametersJson = job.Parameters;
        TimeoutSeconds = job.Header.TimeoutSeconds;
        Flags = job.Flags;
        Filter = job.Filter;
        Urls = urls;
        _params = initialParams;
        var options = services.Options;
        Ingest = new IngestRelay(id, services.Time, services.Counters, services.Logger);
        Output = new OutputRelay(id, services.Hub, new EgressPushes(id, pushes, services.Time, services.Counters, services.Logger), services.Time, services.Counters, services.Logger);
        Events = new EventsWatch(services.Time);
        Data = job.Flags.DataOutput ? new DataFeed(options.DataBufferLines, options.MaxDataReaders, services.Counters) : null;
        Swaps = new SwapHistory(options.MaxSwaps, options.SwapWindow, services.Time);
        CreatedAt = services.Time.GetTimestamp();
    }

    public string Id { get; }

    public string Capability { get; }

    /// <summary>The <c>request</c> of every job header sent for this stream: <c>{"stream_id":…}</c>.</summary>
    public string RequestJson { get; }

    /// <summary>The client's <c>parameters</c> (the <c>enable_*</c> flags), passed to the orchestrator on start.</summary>
    public string ParametersJson { get; }

    public int TimeoutSeconds { get; }

    public ByocStreamFlags Flags { get; }

    /// <summary>The client's include/exclude lists.</summary>
    public OrchestratorFilter Filter { get; }

    public StreamUrls Urls { get; }

    public IngestRelay Ingest { get; }

    public OutputRelay Output { get; }

    public EventsWatch Events { get; }

    /// <summary>The data feed; <c>null</c> unless the client enabled data output.</summary>
    public DataFeed? Data { get; }

    public SwapHistory Swaps { get; }

    public long CreatedAt { get; }

    /// <summary>Cancelled when the stream is to end.</summary>
    public CancellationToken Stopping => _stopping.Token;

    /// <summary>The runner's task: completes once everything is released.</summary>
    public Task Completion { get; set; } = Task.CompletedTask;

    /// <summary>The orchestrator's answer to the stop sent when the stream ended (what a client stop returns).</summary>
    public OrchestratorAnswer? StopAnswer { get; set; }

    /// <summary>The latest params (the start's, then each update's): sent to every orchestrator the stream moves to.</summary>
    public string? Params
    {
        get
        {
            lock (_lock)
            {
                return _params;
            }
        }

        set
        {
            lock (_lock)
            {
                _params = value;
            }
        }
    }

    public StreamPhase Phase
    {
        get
        {
            lock (_lock)
            {
                return _phase;
            }
        }
    }

    public string? EndReason
    {
        get
        {
            lock (_lock)
            {
                return _endReason;
            }
        }
    }

    /// <summary>Why the stream failed, for the client's status; <c>null</c> when it is fine or ended normally.</summary>
    public string? Error
    {
        get
        {
            lock (_lock)
            {
                return _error;
            }
        }
    }

    /// <summary>The body the current orchestrator gets with its stop (the client's stop body, else the reason).</summary>
    public string StopBody
    {
        get
        {
            lock (_lock)
            {
                return _stopBody ?? _endReason ?? "stream ended";
            }
        }
    }

    public OrchestratorSession? Current
    {
        get
        {
            lock (_lock)
            {
                return _current;
            }
        }
    }

    /// <summary>Every orchestrator tried, in order.</summary>
    public IReadOnlyList<Uri> Orchestrators
    {
        get
        {
            lock (_lock)
            {
                return [.. _orchestrators];
            }
        }
    }

    /// <summary>Asks the stream to end (the first reason wins); <paramref name="error"/> marks a failure the client should see.</summary>
    public bool RequestEnd(string reason, bool error = false, string? stopBody = null)
    {
        lock (_lock)
        {
            if (_endReason is not null)
            {
                return false;
            }

            _endReason = reason;
            _error = error ? reason : null;
            _stopBody = stopBody;
            _phase = StreamPhase.Ended;
        }

        _stopping.Cancel();
        return true;
    }

    /// <summary>A new attempt begins on <paramref name="session"/>'s orchestrator.</summary>
    public void Begin(OrchestratorSession session)
    {
        lock (_lock)
        {
            _current = session;
            _orchestrators.Add(session.Orchestrator);
        }
    }

    /// <summary>The attempt is running (its channels are live).</summary>
    public void Running()
    {
        lock (_lock)
        {
            if (_phase != StreamPhase.Ended)
            {
                _phase = StreamPhase.Running;
                _error = null;
            }
        }
    }

    /// <summary>The attempt failed; <paramref name="reason"/> shows in the status until the next one runs.</summary>
    public void Failed(string reason)
    {
        lock (_lock)
        {
            _current = null;
            if (_phase != StreamPhase.Ended)
            {
                _phase = StreamPhase.Swapping;
                _error = reason;
            }
        }
    }
}
