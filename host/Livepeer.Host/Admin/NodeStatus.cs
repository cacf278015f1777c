using System.Reflection;
using System.Text.Json.Nodes;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Status;
using Livepeer.Host.Configuration;
using Livepeer.Host.Hosting;

namespace Livepeer.Host.Admin;

/// <summary>The JSON document <c>GET /status</c> returns.</summary>
internal sealed record NodeStatus(
    string Version,
    string ContractVersion,
    IReadOnlyList<string> Roles,
    string Network,
    IReadOnlyDictionary<string, string> Listeners,
    IReadOnlyList<PluginStatusDto> Plugins,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Extensions,
    string DataDir,
    IReadOnlyDictionary<string, JsonNode?> Sections)
{
    /// <summary>The node version (the host assembly's informational version).</summary>
    public static string NodeVersion { get; } =
        typeof(NodeStatus).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0";

    public static NodeStatus From(NodeOptions options, NodeListeners listeners, IReadOnlyList<PluginState> plugins, ExtensionCatalog catalog, IEnumerable<INodeStatusSection> sections) =>
        new(
            NodeVersion,
            Abstractions.ContractVersion.Current.ToString(),
            RoleNames(options.Roles),
            options.Network,
            listeners.Addresses.Select(a => (Name: ListenerName(a.Key), Uri: a.Value))
                .Concat(listeners.PluginAddresses.Select(p => (Name: p.Key, Uri: p.Value)))
                .ToDictionary(a => a.Name, a => a.Uri.ToString().TrimEnd('/')),
            [.. plugins.Select(p => new PluginStatusDto(p.Id, p.Version, p.Status.ToString(), p.Reason))],
            catalog.Names,
            options.DataDir,
            Snapshot(sections));

    // One section's failure shows in its place instead of failing the whole document; a repeated name keeps the first.
    internal static Dictionary<string, JsonNode?> Snapshot(IEnumerable<INodeStatusSection> sections)
    {
        var result = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            if (result.ContainsKey(section.Name))
            {
                continue;
            }

            try
            {
                result[section.Name] = section.Snapshot();
            }
            catch (Exception e)
            {
                result[section.Name] = new JsonObject { ["error"] = e.Message };
            }
        }

        return result;
    }

    public static IReadOnlyList<string> RoleNames(NodeRoles roles) =>
        [.. Enum.GetValues<NodeRoles>().Where(r => r != NodeRoles.None && roles.HasFlag(r)).Select(r => r.ToString().ToLowerInvariant())];

    public static string ListenerName(NodeListener kind) => kind switch
    {
        NodeListener.Gateway => "http",
        NodeListener.Service => "service",
        _ => "cli",
    };
}

/// <summary>One plugin in <see cref="NodeStatus"/>.</summary>
internal sealed record PluginStatusDto(string Id, string Version, string Status, string? Reason);
