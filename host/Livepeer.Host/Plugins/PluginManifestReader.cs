using System.Text.Json;
using System.Text.RegularExpressions;
using Livepeer.Abstractions.Hosting;

namespace Livepeer.Host.Plugins;

/// <summary>The outcome of reading a <c>plugin.json</c>: a valid manifest or every reason it is not.</summary>
/// <param name="Manifest">The manifest; <c>null</c> when invalid.</param>
/// <param name="EntryAssemblyPath">The entry assembly's absolute path inside the folder; empty when invalid.</param>
/// <param name="Error">All validation errors, joined; <c>null</c> when valid.</param>
internal sealed record ManifestReadResult(PluginManifest? Manifest, string EntryAssemblyPath, string? Error);

/// <summary>
/// Reads and validates <c>plugin.json</c>. Property names are case-insensitive; unknown properties are
/// ignored so newer manifests still load. Every problem is reported at once, and nothing here throws for
/// bad input: a broken manifest is a status, not a crash.
/// </summary>
internal static partial class PluginManifestReader
{
    /// <summary>Manifests are a few hundred bytes; anything this big is not one.</summary>
    public const int MaxManifestBytes = 64 * 1024;

    /// <summary>Reads <c>plugin.json</c> from <paramref name="pluginDirectory"/>.</summary>
    public static ManifestReadResult Read(string pluginDirectory)
    {
        ArgumentNullException.ThrowIfNull(pluginDirectory);
        var path = Path.Combine(pluginDirectory, PluginManifest.FileName);
        byte[] bytes;
        try
        {
            var info = new FileInfo(path);
            if (info.Length > MaxManifestBytes)
            {
                return Invalid($"{PluginManifest.FileName} is {info.Length} bytes; the limit is {MaxManifestBytes}");
            }

            bytes = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Invalid($"{PluginManifest.FileName} could not be read: {ex.Message}");
        }

        return Parse(bytes, pluginDirectory);
    }

    /// <summary>Parses and validates manifest JSON for the plugin in <paramref name="pluginDirectory"/>.</summary>
    public static ManifestReadResult Parse(ReadOnlySpan<byte> utf8Json, string pluginDirectory)
    {
        ArgumentNullException.ThrowIfNull(pluginDirectory);
        ManifestDocument? document;
        try
        {
            document = JsonSerializer.Deserialize(utf8Json, ManifestJsonContext.Default.ManifestDocument);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            // Wrong value types, invalid UTF-8 and garbage all land here; the message names the position.
            return Invalid($"{PluginManifest.FileName} is not valid JSON for a manifest: {ex.Message}");
        }

        if (document is null)
        {
            return Invalid($"{PluginManifest.FileName} must hold a JSON object");
        }

        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(document.Id))
        {
            errors.Add("'id' is required");
        }
        else if (!IdPattern().IsMatch(document.Id))
        {
            errors.Add($"'id' '{document.Id}' must be 1 to 100 of A-Z, a-z, 0-9, '.', '_' and '-'");
        }

        if (string.IsNullOrWhiteSpace(document.Version))
        {
            errors.Add("'version' is required");
        }

        var entryAssemblyPath = "";
        if (document.EntryAssembly is null)
        {
            errors.Add("'entryAssembly' is required");
        }
        else if (!PluginPaths.TryResolve(pluginDirectory, document.EntryAssembly, out entryAssemblyPath, out var pathError))
        {
            errors.Add($"'entryAssembly' is refused: {pathError}");
        }
        else if (!entryAssemblyPath.EndsWith(".dll", StringComparison.OrdinalIgnoreCase))
        {
            errors.Add($"'entryAssembly' '{document.EntryAssembly}' must name a .dll");
        }

        if (string.IsNullOrWhiteSpace(document.AbstractionsVersion))
        {
            errors.Add("'abstractionsVersion' is required");
        }
        else if (!TryParseContractVersion(document.AbstractionsVersion, out _))
        {
            errors.Add($"'abstractionsVersion' '{document.AbstractionsVersion}' must be major.minor, e.g. 1.0");
        }

        var aptPackages = document.AptPackages ?? [];
        foreach (var package in aptPackages)
        {
            // These names reach apt-get; only what Debian allows in a package name gets through.
            if (package is null || !AptPackagePattern().IsMatch(package))
            {
                errors.Add($"'aptPackages' entry '{package}' is not a Debian package name");
            }
        }

        if (errors.Count > 0)
        {
            return Invalid(string.Join("; ", errors));
        }

        var manifest = new PluginManifest(document.Id!, document.Version!.Trim(), document.EntryAssembly!, document.AbstractionsVersion!)
        {
            Description = document.Description ?? "",
            AptPackages = [.. aptPackages.Select(p => p!)],
        };
        return new ManifestReadResult(manifest, entryAssemblyPath, null);
    }

    /// <summary>Parses a manifest's <c>major.minor</c> contract version.</summary>
    public static bool TryParseContractVersion(string? text, out Version version)
    {
        version = new Version(0, 0);
        if (text is null || !ContractVersionPattern().IsMatch(text) || !Version.TryParse(text, out var parsed))
        {
            return false;
        }

        version = parsed;
        return true;
    }

    private static ManifestReadResult Invalid(string error) => new(null, "", error);

    [GeneratedRegex("^[A-Za-z0-9._-]{1,100}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdPattern();

    [GeneratedRegex(@"^[0-9]{1,9}\.[0-9]{1,9}$", RegexOptions.CultureInvariant)]
    private static partial Regex ContractVersionPattern();

    [GeneratedRegex("^[a-z0-9][a-z0-9.+-]{1,99}$", RegexOptions.CultureInvariant)]
    private static partial Regex AptPackagePattern();
}
