namespace Livepeer.Abstractions.Orchestrators;

/// <summary>
/// The capabilities an orchestrator offers or a job needs (<c>net.Capabilities</c>): the set, the
/// mandatory subset, per-capability capacities and per-capability model constraints.
/// </summary>
public sealed record NodeCapabilities
{
    /// <summary>Capabilities offered (orchestrator) or required (job).</summary>
    public CapabilitySet Offered { get; init; } = CapabilitySet.Empty;

    /// <summary>Capabilities a job must also require to be served (orchestrator side).</summary>
    public CapabilitySet Mandatory { get; init; } = CapabilitySet.Empty;

    /// <summary>Concurrent capacity per capability.</summary>
    public IReadOnlyDictionary<Capability, int> Capacities { get; init; } = new Dictionary<Capability, int>();

    /// <summary>The node's software version (orchestrator side).</summary>
    public string Version { get; init; } = "";

    /// <summary>The lowest orchestrator version a job accepts; empty for any.</summary>
    public string MinVersion { get; init; } = "";

    /// <summary>Models per capability, keyed by model id.</summary>
    public IReadOnlyDictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>> Models { get; init; } =
        new Dictionary<Capability, IReadOnlyDictionary<string, ModelConstraint>>();

    /// <summary>
    /// True when an orchestrator offering <paramref name="orchestrator"/> can serve a job requiring this
    /// set, by upstream's rules (<c>Capabilities.CompatibleWith</c>): minimum version, the orchestrator's
    /// mandatory capabilities all requested, every requested model present (warm when required, runner
    /// version not below the requested one), and every requested capability offered.
    /// </summary>
    public bool IsSatisfiedBy(NodeCapabilities orchestrator)
    {
        ArgumentNullException.ThrowIfNull(orchestrator);
        if (MinVersion.Length > 0 && !SemanticVersionAtLeast(orchestrator.Version, MinVersion))
        {
            return false;
        }

        if (!orchestrator.Mandatory.IsSubsetOf(Offered))
        {
            return false;
        }

        foreach (var (capability, models) in Models)
        {
            if (!orchestrator.Models.TryGetValue(capability, out var offeredModels))
            {
                return false;
            }

            foreach (var (modelId, required) in models)
            {
                if (!offeredModels.TryGetValue(modelId, out var offered) ||
                    (required.Warm && !offered.Warm) ||
                    (required.RunnerVersion.Length > 0 && !SemanticVersionAtLeast(offered.RunnerVersion, required.RunnerVersion)))
                {
                    return false;
                }
            }
        }

        return Offered.IsSubsetOf(orchestrator.Offered);
    }

    // Semver comparison of major.minor.patch; a pre-release or build suffix is ignored, as upstream does.
    private static bool SemanticVersionAtLeast(string actual, string minimum)
    {
        if (!TryParseCore(actual, out var a))
        {
            return false;
        }

        return !TryParseCore(minimum, out var m) || a >= m;
    }

    private static bool TryParseCore(string text, out Version version)
    {
        version = new Version(0, 0, 0);
        var core = text.Trim().TrimStart('v', 'V');
        var cut = core.IndexOfAny(['-', '+']);
        if (cut >= 0)
        {
            core = core[..cut];
        }

        var parts = core.Split('.');
        if (parts.Length is 0 or > 3)
        {
            return false;
        }

        var numbers = new int[3];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!int.TryParse(parts[i], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out numbers[i]))
            {
                return false;
            }
        }

        version = new Version(numbers[0], numbers[1], numbers[2]);
        return true;
    }
}
