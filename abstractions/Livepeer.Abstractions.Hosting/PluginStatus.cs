namespace Livepeer.Abstractions.Hosting;

/// <summary>What became of a plugin at start-up.</summary>
public enum PluginStatus
{
    /// <summary>Loaded and registered.</summary>
    Active,

    /// <summary>Turned off in configuration (<c>Plugins:&lt;Id&gt;:Enabled=false</c>).</summary>
    Disabled,

    /// <summary>Built against other contracts, or its types could not be loaded.</summary>
    Incompatible,

    /// <summary>Its manifest was invalid, or its entry type or registration threw.</summary>
    Faulted,
}

/// <summary>A plugin's status as the admin API shows it.</summary>
/// <param name="Id">The plugin id (the folder name when the manifest could not be read).</param>
/// <param name="Version">The plugin version; empty when unknown.</param>
/// <param name="Status">The status.</param>
/// <param name="Reason">Why it is not Active; <c>null</c> when it is.</param>
public sealed record PluginState(string Id, string Version, PluginStatus Status, string? Reason);
