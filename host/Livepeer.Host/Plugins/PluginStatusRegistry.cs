using Livepeer.Abstractions.Hosting;

namespace Livepeer.Host.Plugins;

/// <summary>
/// What became of each plugin at start-up, for the admin API. Filled once from
/// <see cref="PluginLoader.LoadAll"/> and never changed: plugins are picked up by a restart.
/// </summary>
public sealed class PluginStatusRegistry
{
    /// <summary>Holds <paramref name="states"/> in the loader's order (ordinal by folder name).</summary>
    public PluginStatusRegistry(IEnumerable<PluginState> states)
    {
        ArgumentNullException.ThrowIfNull(states);
        States = [.. states];
    }

    /// <summary>Every plugin folder the loader found, whatever its status.</summary>
    public IReadOnlyList<PluginState> States { get; }

    /// <summary>
    /// The state of the plugin with <paramref name="id"/> (ordinal, ignoring case like configuration keys),
    /// or <c>null</c>. When two folders claim one id, the first, which owns it, is returned.
    /// </summary>
    public PluginState? Find(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        foreach (var plugin in States)
        {
            if (string.Equals(plugin.Id, id, StringComparison.OrdinalIgnoreCase))
            {
                return plugin;
            }
        }

        return null;
    }
}
