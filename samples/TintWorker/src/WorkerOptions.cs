namespace Livepeer.Samples.TintWorker;

/// <summary>
/// The worker's settings (configuration keys, e.g. <c>--OrchUrl=https://o:8935</c> or environment
/// <c>TINT_OrchUrl</c>); names follow the runner SDK's <c>LIVEPEER_*</c> variables.
/// </summary>
internal sealed record WorkerOptions
{
    /// <summary>Where the worker listens (<c>http://127.0.0.1:5000</c>).</summary>
    public string Listen { get; init; } = "http://127.0.0.1:5000";

    /// <summary>The orchestrator to register with; none to skip registration.</summary>
    public Uri? OrchUrl { get; init; }

    /// <summary>The orchestrator's <c>-orchSecret</c>.</summary>
    public string OrchSecret { get; init; } = "";

    public string CapabilityName { get; init; } = "tint";

    /// <summary>The URL the orchestrator calls; defaults to <see cref="Listen"/>.</summary>
    public Uri? CapabilityUrl { get; init; }

    public int Capacity { get; init; } = 1;

    public long PricePerUnit { get; init; }

    public long PriceScaling { get; init; } = 1;

    /// <summary>A bearer token the orchestrator must send on every call; none to accept any caller.</summary>
    public string? Token { get; init; }

    /// <summary>How often to register again after success, so a restarted orchestrator learns the capability back; zero for never.</summary>
    public TimeSpan ReregisterInterval { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>The pause between registration attempts while the orchestrator is unreachable or answers 5xx.</summary>
    public TimeSpan RetryPause { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Exit when standard input reaches its end: a node that runs the worker holds its stdin open (docs/byoc.md,
    /// "managed workers"), so the worker ends with the node even when the node is killed.
    /// </summary>
    public bool ExitOnStdinClose { get; init; }

    public static WorkerOptions From(IConfiguration configuration) => new()
    {
        Listen = configuration["Listen"] is { Length: > 0 } listen ? listen : "http://127.0.0.1:5000",
        OrchUrl = configuration["OrchUrl"] is { Length: > 0 } orch ? new Uri(orch) : null,
        OrchSecret = configuration["OrchSecret"] ?? "",
        CapabilityName = configuration["CapabilityName"] is { Length: > 0 } name ? name : "tint",
        CapabilityUrl = configuration["CapabilityUrl"] is { Length: > 0 } url ? new Uri(url) : null,
        Capacity = int.TryParse(configuration["Capacity"], out var capacity) && capacity > 0 ? capacity : 1,
        PricePerUnit = long.TryParse(configuration["PricePerUnit"], out var price) && price >= 0 ? price : 0,
        PriceScaling = long.TryParse(configuration["PriceScaling"], out var scaling) && scaling > 0 ? scaling : 1,
        Token = configuration["Token"] is { Length: > 0 } token ? token : null,
        ReregisterInterval = double.TryParse(configuration["ReregisterSeconds"], System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds >= 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(15),
        ExitOnStdinClose = bool.TryParse(configuration["ExitOnStdinClose"], out var exit) && exit,
    };
}
