using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.Byoc.Gateway;

/// <summary>Which message the gateway signs in the <c>Livepeer</c> header it sends to orchestrators.</summary>
internal enum JobSignatureFormat
{
    /// <summary><c>request ‖ parameters</c>: what go-livepeer master orchestrators verify (and this plugin's orchestrator).</summary>
    V0,

    /// <summary>The flattened job (<c>LP_BYOC_JOB_V1</c>): covers id, capability and timeout too; this plugin's orchestrator and go-livepeer #3980.</summary>
    V1,
}

/// <summary>
/// The gateway side's settings, read from <c>Plugins:Byoc</c> next to the orchestrator's keys. Defaults are go-livepeer's
/// constants (protocols §1.6, §1.9).
/// </summary>
internal sealed record GatewayOptions
{
    /// <summary>The message signed for orchestrators (<c>v0</c> for go-livepeer master, <c>v1</c> for the SDK's format).</summary>
    public JobSignatureFormat SignatureFormat { get; init; } = JobSignatureFormat.V0;

    /// <summary>Answer CORS on <c>/process/stream/*</c> (upstream's <c>LIVE_AI_ALLOW_CORS</c> environment variable).</summary>
    public bool AllowCors { get; init; }

    /// <summary>How long one orchestrator may take to answer <c>GET /process/token</c> (upstream 500 ms).</summary>
    public TimeSpan TokenTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>How long the whole token round may take (upstream 1 s).</summary>
    public TimeSpan SearchTimeout { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the node's discovery (GetOrchestrator to every candidate) may take before tokens are asked.</summary>
    public TimeSpan DiscoveryTimeout { get; init; } = TimeSpan.FromSeconds(6);

    /// <summary>The most orchestrators asked for a token per search.</summary>
    public int MaxCandidates { get; init; } = 8;

    /// <summary>The most gateway streams at once; 0 = the node's <c>-maxSessions</c>.</summary>
    public int MaxStreams { get; init; }

    /// <summary>How long a stream with video ingress waits for its ingest to (re)appear before it stops.</summary>
    public TimeSpan IngestTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary><c>{"keep":"alive"}</c> on the control channel this often (upstream 10 s).</summary>
    public TimeSpan KeepAliveInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>No event from the worker for this long fails the orchestrator (upstream <c>maxEventGap</c> 30 s).</summary>
    public TimeSpan EventsTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>No output segment for this long while input is fresh fails the orchestrator (upstream 30 s).</summary>
    public TimeSpan OutputTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the watchdog looks at events and output (upstream 10 s).</summary>
    public TimeSpan WatchdogInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Input segments being uploaded at once beyond which the orchestrator is "slow" (upstream <c>maxInflightSegments</c> 3).</summary>
    public int MaxInFlightSegments { get; init; } = 3;

    /// <summary>A stream pays its orchestrator this often (upstream <c>monitorStream</c> 50 s).</summary>
    public TimeSpan PaymentInterval { get; init; } = TimeSpan.FromSeconds(50);

    /// <summary>Compute paid with a stream's start and at least with a batch job (the orchestrators' 60 s minimum balance).</summary>
    public TimeSpan Prepay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>More swaps than this within <see cref="SwapWindow"/> stop the stream (upstream BYOC: more than 2 within 1 min).</summary>
    public int MaxSwaps { get; init; } = 2;

    /// <summary>The window <see cref="MaxSwaps"/> counts in.</summary>
    public TimeSpan SwapWindow { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The largest output (or data) segment read from an orchestrator.</summary>
    public int MaxSegmentBytes { get; init; } = 32 * 1024 * 1024;

    /// <summary>Recent data lines kept per stream for Server-Sent-Events readers.</summary>
    public int DataBufferLines { get; init; } = 32;

    /// <summary>The longest data line relayed (upstream's <c>bufio.Scanner</c> limit, 64 KiB).</summary>
    public int MaxDataLineBytes { get; init; } = 64 * 1024;

    /// <summary>Server-Sent-Events readers per stream.</summary>
    public int MaxDataReaders { get; init; } = 8;

    /// <summary>The base of the URLs handed to clients; empty = the gateway listener's address (upstream <c>-gatewayHost</c>).</summary>
    public Uri? PublicUrl { get; init; }

    /// <summary>The base of <c>rtmp_url</c>/<c>rtmp_output_url</c>; empty = the Rtmp plugin's listener (upstream <c>LIVE_AI_PLAYBACK_HOST</c>).</summary>
    public string RtmpUrl { get; init; } = "";

    /// <summary>Accept any orchestrator certificate (go-livepeer's gateways never verify them).</summary>
    public bool OrchestratorInsecureSkipVerify { get; init; } = true;

    /// <summary>Reads the gateway keys of <paramref name="section"/>.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid (every problem listed).</exception>
    public static GatewayOptions Read(IConfiguration section)
    {
        var settings = new SettingsReader(section, "Plugins:Byoc");
        var d = new GatewayOptions();
        var ms = TimeSpan.FromMilliseconds(10);
        var format = settings.String(nameof(SignatureFormat), "v0").ToLowerInvariant() switch
        {
            "v0" => JobSignatureFormat.V0,
            "v1" => JobSignatureFormat.V1,
            var other => Invalid(settings, other),
        };
        var rtmp = settings.String(nameof(RtmpUrl), d.RtmpUrl);
        if (rtmp.Length > 0 && (!Uri.TryCreate(rtmp, UriKind.Absolute, out var rtmpUri) || rtmpUri.Scheme != "rtmp"))
        {
            settings.AddError(nameof(RtmpUrl), $"must be an rtmp:// URL, not '{rtmp}'");
        }

        var options = new GatewayOptions
        {
            SignatureFormat = format,
            AllowCors = settings.Bool(nameof(AllowCors), d.AllowCors),
            TokenTimeout = settings.Duration(nameof(TokenTimeout), d.TokenTimeout, min: ms),
            SearchTimeout = settings.Duration(nameof(SearchTimeout), d.SearchTimeout, min: ms),
            DiscoveryTimeout = settings.Duration(nameof(DiscoveryTimeout), d.DiscoveryTimeout, min: ms),
            MaxCandidates = settings.Int(nameof(MaxCandidates), d.MaxCandidates, 1, 100),
            MaxStreams = settings.Int(nameof(MaxStreams), d.MaxStreams, 0, 100_000),
            IngestTimeout = settings.Duration(nameof(IngestTimeout), d.IngestTimeout, min: ms),
            KeepAliveInterval = settings.Duration(nameof(KeepAliveInterval), d.KeepAliveInterval, min: ms),
            EventsTimeout = settings.Duration(nameof(EventsTimeout), d.EventsTimeout, min: ms),
            OutputTimeout = settings.Duration(nameof(OutputTimeout), d.OutputTimeout, min: ms),
            WatchdogInterval = settings.Duration(nameof(WatchdogInterval), d.WatchdogInterval, min: ms),
            MaxInFlightSegments = settings.Int(nameof(MaxInFlightSegments), d.MaxInFlightSegments, 1, 64),
            PaymentInterval = settings.Duration(nameof(PaymentInterval), d.PaymentInterval, min: ms),
            Prepay = settings.Duration(nameof(Prepay), d.Prepay),
            MaxSwaps = settings.Int(nameof(MaxSwaps), d.MaxSwaps, 0, 1000),
            SwapWindow = settings.Duration(nameof(SwapWindow), d.SwapWindow, min: ms),
            MaxSegmentBytes = settings.Int(nameof(MaxSegmentBytes), d.MaxSegmentBytes, 1024, 1024 * 1024 * 1024),
            DataBufferLines = settings.Int(nameof(DataBufferLines), d.DataBufferLines, 1, 10_000),
            MaxDataLineBytes = settings.Int(nameof(MaxDataLineBytes), d.MaxDataLineBytes, 16, 16 * 1024 * 1024),
            MaxDataReaders = settings.Int(nameof(MaxDataReaders), d.MaxDataReaders, 1, 1000),
            PublicUrl = settings.HttpUrl(nameof(PublicUrl)),
            RtmpUrl = rtmp.TrimEnd('/'),
            OrchestratorInsecureSkipVerify = settings.Bool(nameof(OrchestratorInsecureSkipVerify), d.OrchestratorInsecureSkipVerify),
        };
        settings.ThrowIfInvalid();
        return options;
    }

    private static JobSignatureFormat Invalid(SettingsReader settings, string text)
    {
        settings.AddError(nameof(SignatureFormat), $"must be v0 or v1, not '{text}'");
        return JobSignatureFormat.V0;
    }
}
