using Livepeer.Abstractions;
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Plugins.Byoc;

/// <summary>The plugin's settings, read from <c>Plugins:Byoc</c>.</summary>
internal sealed record ByocOptions
{
    /// <summary>The secret registrars present in <c>Authorization</c>; empty = the node's <c>-orchSecret</c>; both empty = registration refused.</summary>
    public string OrchSecret { get; init; } = "";

    /// <summary>Refuse jobs whose <c>Livepeer</c> header is unsigned or wrongly signed (upstream offchain accepts anything).</summary>
    public bool RequireSignature { get; init; } = true;

    /// <summary>Compute a stream or job must have paid for before it starts (upstream "minimum 1 minute balance").</summary>
    public TimeSpan MinimumBalance { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a stream's compute is debited (upstream <c>pmtCheckDur</c> 23 s).</summary>
    public TimeSpan DebitInterval { get; init; } = TimeSpan.FromSeconds(23);

    /// <summary>How often streams are checked for a vanished client, a finished capability, or debits due.</summary>
    public TimeSpan MonitorInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The largest start, update or stop body accepted (upstream 10 MiB on the gateway).</summary>
    public long MaxBodyBytes { get; init; } = 10L * 1024 * 1024;

    /// <summary>The name of the segment channels to run streams on; empty = the first registered (trickle).</summary>
    public string Channels { get; init; } = "";

    /// <summary>Reads and validates the section.</summary>
    /// <exception cref="InvalidOperationException">A setting is invalid (every problem listed).</exception>
    public static ByocOptions Read(IConfiguration section)
    {
        var settings = new SettingsReader(section, "Plugins:Byoc");
        var defaults = new ByocOptions();
        var options = new ByocOptions
        {
            OrchSecret = settings.String(nameof(OrchSecret), defaults.OrchSecret),
            RequireSignature = settings.Bool(nameof(RequireSignature), defaults.RequireSignature),
            MinimumBalance = settings.Duration(nameof(MinimumBalance), defaults.MinimumBalance),
            DebitInterval = settings.Duration(nameof(DebitInterval), defaults.DebitInterval, min: TimeSpan.FromMilliseconds(10)),
            MonitorInterval = settings.Duration(nameof(MonitorInterval), defaults.MonitorInterval, min: TimeSpan.FromMilliseconds(10)),
            MaxBodyBytes = settings.Long(nameof(MaxBodyBytes), defaults.MaxBodyBytes, 1, int.MaxValue),
            Channels = settings.String(nameof(Channels), defaults.Channels),
        };
        settings.ThrowIfInvalid();
        return options;
    }

    /// <summary>The secret in effect: this plugin's, else the node's <c>-orchSecret</c>.</summary>
    public string EffectiveSecret(NodeSettings? node) => OrchSecret.Length > 0 ? OrchSecret : node?.OrchestratorSecret ?? "";
}
