using Livepeer.Abstractions;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Gateway;

/// <summary>How the gateway's <see cref="OrchestratorPool"/> asks orchestrators and which answers it accepts.</summary>
internal sealed record OrchestratorPoolOptions
{
    /// <summary>The first wait for answers (<c>-discoveryTimeout</c>).</summary>
    public TimeSpan DiscoveryTimeout { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The hard end of one discovery round.</summary>
    public TimeSpan Cutoff { get; init; } = DiscoveryWaits.DefaultCutoff;

    /// <summary>The highest acceptable price per unit of work in wei; <c>null</c> for no limit.</summary>
    public Rational? MaxPricePerUnit { get; init; }

    /// <summary>Orchestrator addresses never used.</summary>
    public IReadOnlySet<EthAddress> Blocklist { get; init; } = new HashSet<EthAddress>();

    /// <summary>The most candidates asked of each discovery source.</summary>
    public int MaxCandidates { get; init; } = 1000;

    /// <summary>The gateway's settings: <c>-discoveryTimeout</c>, <c>-maxPricePerUnit</c>/<c>-pixelsPerUnit</c>, <c>-orchBlocklist</c>.</summary>
    public static OrchestratorPoolOptions From(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new OrchestratorPoolOptions
        {
            DiscoveryTimeout = options.DiscoveryTimeout,
            MaxPricePerUnit = options.MaxPricePerUnit > 0 ? new Rational(options.MaxPricePerUnit, options.PixelsPerUnit) : null,
            Blocklist = options.OrchBlocklist.ToHashSet(),
        };
    }
}
