namespace Livepeer.Abstractions;

/// <summary>
/// The version of the plugin contracts. A plugin built against <c>major.minor</c> loads in a host whose
/// contracts have the same major version and an equal or higher minor version.
/// </summary>
public static class ContractVersion
{
    /// <summary>The contract version this assembly implements.</summary>
    public static Version Current { get; } = new(1, 0);

    /// <summary>True when a plugin built against <paramref name="pluginVersion"/> can run on these contracts.</summary>
    public static bool IsCompatible(Version pluginVersion)
    {
        ArgumentNullException.ThrowIfNull(pluginVersion);
        return pluginVersion.Major == Current.Major && pluginVersion.Minor <= Current.Minor;
    }
}
