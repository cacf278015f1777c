using System.Text.Json;
using Livepeer.Abstractions.Hosting;

namespace Livepeer.Abstractions.Conformance;

/// <summary>Reads a plugin's <c>plugin.json</c>, for tests of the plugin that ships it.</summary>
public static class PluginManifestFile
{
    /// <summary>
    /// The <c>plugin.json</c> next to the running test assembly: a plugin project copies its manifest to its
    /// output, and a test project that references the plugin gets the copy.
    /// </summary>
    public static PluginManifest ReadFromTestOutput() => Read(Path.Combine(AppContext.BaseDirectory, PluginManifest.FileName));

    /// <summary>Reads a manifest file (property names in any case).</summary>
    /// <exception cref="InvalidDataException">A required field is missing or not a string.</exception>
    public static PluginManifest Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
        var fields = document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value, StringComparer.OrdinalIgnoreCase);
        string Required(string name) =>
            fields.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
                ? text
                : throw new InvalidDataException($"{path}: '{name}' is missing or not a string.");

        return new PluginManifest(Required("id"), Required("version"), Required("entryAssembly"), Required("abstractionsVersion"))
        {
            Description = fields.TryGetValue("description", out var description) && description.ValueKind == JsonValueKind.String ? description.GetString()! : "",
            AptPackages = fields.TryGetValue("aptPackages", out var apt) && apt.ValueKind == JsonValueKind.Array
                ? [.. apt.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!)]
                : [],
        };
    }
}
