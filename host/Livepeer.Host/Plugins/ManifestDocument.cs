using System.Text.Json;
using System.Text.Json.Serialization;

namespace Livepeer.Host.Plugins;

/// <summary>The manifest as it appears on disk, before validation; every field may be missing.</summary>
internal sealed class ManifestDocument
{
    public string? Id { get; set; }

    public string? Version { get; set; }

    public string? EntryAssembly { get; set; }

    public string? AbstractionsVersion { get; set; }

    public string? Description { get; set; }

    public List<string?>? AptPackages { get; set; }
}

[JsonSourceGenerationOptions(
    PropertyNameCaseInsensitive = true,
    ReadCommentHandling = JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    AllowDuplicateProperties = false,
    MaxDepth = 8)]
[JsonSerializable(typeof(ManifestDocument))]
internal sealed partial class ManifestJsonContext : JsonSerializerContext;
