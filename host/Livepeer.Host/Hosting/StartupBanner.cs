using Livepeer.Abstractions;
using System.Text;
using Livepeer.Abstractions.Hosting;
using Livepeer.Host.Admin;
using Livepeer.Host.Configuration;
using Livepeer.Host.Plugins;
using Livepeer.Host.Workers;

namespace Livepeer.Host.Hosting;

/// <summary>Prints, once the node listens, what it runs and where everything listens.</summary>
internal static class StartupBanner
{
    public static void Print(IServiceProvider services)
    {
        var options = services.GetRequiredService<NodeOptions>();
        var listeners = services.GetRequiredService<NodeListeners>();
        var plugins = services.GetRequiredService<PluginStatusRegistry>().States;
        var text = new StringBuilder();
        text.Append("Livepeer.Host ").Append(NodeStatus.NodeVersion).Append(" running as ")
            .Append(string.Join(" + ", NodeStatus.RoleNames(options.Roles))).Append(" on ").Append(options.Network).AppendLine();
        foreach (var (kind, uri) in listeners.Addresses.OrderBy(a => a.Key))
        {
            var what = kind switch
            {
                NodeListener.Gateway => "gateway HTTP (ingest, HLS, stream API)",
                NodeListener.Service => "orchestrator service (HTTPS + gRPC)",
                _ => "CLI/admin API (GET /status)",
            };
            text.Append("  ").Append(uri.ToString().TrimEnd('/').PadRight(28)).Append(' ').AppendLine(what);
        }

        foreach (var (name, uri) in listeners.PluginAddresses.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            text.Append("  ").Append(uri.ToString().TrimEnd('/').PadRight(28)).Append(' ').Append(name).AppendLine(" (plugin listener)");
        }

        text.Append("  data dir ").AppendLine(options.DataDir);
        if (options.OrchSecretPath is { } secretPath)
        {
            text.Append("  orchSecret in ").Append(secretPath).AppendLine(" (made for this data dir; -orchSecret sets one)");
        }

        var workers = services.GetRequiredService<IReadOnlyList<ManagedWorkerDefinition>>();
        if (workers.Count > 0)
        {
            text.Append("  workers  ").AppendLine(string.Join(", ", workers.Select(w => w.Enabled ? w.Name : w.Name + " (disabled)")));
        }

        text.Append("  plugins  ").Append(options.PluginsDir).Append(": ");
        text.AppendLine(plugins.Count == 0 ? "none" : string.Join(", ", plugins.Select(p => p.Status == PluginStatus.Active ? p.Id : $"{p.Id} ({p.Status}: {p.Reason})")));
        Console.Out.Write(text.ToString());
        Console.Out.Flush();
    }
}
