namespace Livepeer.Abstractions.Hosting;

/// <summary>
/// A plugin's <c>plugin.json</c>. Paths are relative to the plugin's folder and may not leave it.
/// </summary>
/// <param name="Id">The plugin id; also its configuration section <c>Plugins:&lt;Id&gt;</c>.</param>
/// <param name="Version">The plugin's version.</param>
/// <param name="EntryAssembly">The assembly holding the <see cref="ILivepeerPlugin"/> type, relative to the folder.</param>
/// <param name="AbstractionsVersion">The contract version it was built against, <c>major.minor</c>.</param>
public sealed record PluginManifest(string Id, string Version, string EntryAssembly, string AbstractionsVersion)
{
    /// <summary>The manifest's file name inside a plugin folder.</summary>
    public const string FileName = "plugin.json";

    /// <summary>A one-line description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Debian packages the plugin needs at run time (installed by <c>./livepeer</c> when missing).</summary>
    public IReadOnlyList<string> AptPackages { get; init; } = [];
}
