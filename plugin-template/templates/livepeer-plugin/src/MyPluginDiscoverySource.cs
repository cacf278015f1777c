using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;

namespace MyPlugin;

/// <summary>A fixed list of orchestrators from the plugin's <c>Orchestrators</c> setting, each URI once, in the order given.</summary>
public sealed class MyPluginDiscoverySource : IDiscoverySource
{
    /// <summary>The setting holding the comma-separated orchestrator list.</summary>
    public const string OrchestratorsKey = "Orchestrators";

    private readonly IReadOnlyList<OrchestratorCandidate> _known;

    /// <summary>Creates the source over <paramref name="known"/>; a URI given twice is kept once.</summary>
    public MyPluginDiscoverySource(IEnumerable<OrchestratorCandidate> known)
    {
        ArgumentNullException.ThrowIfNull(known);
        _known = [.. known.DistinctBy(c => c.ServiceUri)];
    }

    /// <inheritdoc />
    public string Name => MyPluginPlugin.ExtensionName;

    /// <summary>
    /// Parses <c>https://o1.example:8935, o2.example:8935</c>: absolute http(s) URIs, or <c>host:port</c>, which
    /// means https as in go-livepeer's <c>-orchAddr</c>. Null or blank is an empty list.
    /// </summary>
    /// <exception cref="FormatException">An entry is not an orchestrator address.</exception>
    public static IReadOnlyList<OrchestratorCandidate> ParseList(string? text)
    {
        var candidates = new List<OrchestratorCandidate>();
        foreach (var entry in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var withScheme = entry.Contains("://", StringComparison.Ordinal) ? entry : "https://" + entry;
            if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
            {
                throw new FormatException($"{OrchestratorsKey}: '{entry}' is not an http(s) orchestrator address.");
            }

            candidates.Add(new OrchestratorCandidate(uri));
        }

        return candidates;
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<OrchestratorCandidate>> GetCandidatesAsync(DiscoveryQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult<IReadOnlyList<OrchestratorCandidate>>([.. _known.Take(query.MaxCandidates)]);
    }
}
