using Microsoft.Extensions.Configuration;

namespace Livepeer.Abstractions.Hosting;

/// <summary>What the host tells a plugin while it registers.</summary>
/// <param name="Manifest">The plugin's manifest.</param>
/// <param name="Configuration">The plugin's own configuration section, <c>Plugins:&lt;Id&gt;</c>.</param>
/// <param name="Directory">The plugin's folder (absolute).</param>
/// <param name="Roles">The roles the node runs.</param>
public sealed record PluginContext(PluginManifest Manifest, IConfiguration Configuration, string Directory, NodeRoles Roles);
