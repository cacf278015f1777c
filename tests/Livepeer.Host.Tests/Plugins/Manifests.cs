namespace Livepeer.Host.Tests.Plugins;

/// <summary>Manifest objects for tests that write their own plugin.json.</summary>
internal static class Manifests
{
    public static Dictionary<string, object?> Valid(string id, string entryAssembly = "Plugin.dll", string abstractionsVersion = "1.0") => new()
    {
        ["id"] = id,
        ["version"] = "0.1.0",
        ["entryAssembly"] = entryAssembly,
        ["abstractionsVersion"] = abstractionsVersion,
    };
}
