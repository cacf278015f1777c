using System.Text.Json;

namespace Livepeer.Host.Hosting;

/// <summary>JSON settings for the node's own HTTP answers: camelCase, no indentation.</summary>
internal static class NodeJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web);
}
