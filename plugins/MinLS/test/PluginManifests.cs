using System.Text.Json;
using Livepeer.Abstractions.Hosting;

namespace Livepeer.Plugins.MinLS.Tests;

/// <summary>Reads the plugin's real <c>plugin.json</c>, copied next to the test assembly by the build.</summary>
internal static class PluginManifests
{
    public static PluginManifest Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, PluginManifest.FileName)));
        var root = document.RootElement;
        return new PluginManifest(
            root.GetProperty("id").GetString()!,
            root.GetProperty("version").GetString()!,
            root.GetProperty("entryAssembly").GetString()!,
            root.GetProperty("abstractionsVersion").GetString()!)
        {
            Description = root.GetProperty("description").GetString()!,
        };
    }
}
