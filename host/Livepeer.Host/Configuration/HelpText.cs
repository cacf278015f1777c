using System.Text;

namespace Livepeer.Host.Configuration;

/// <summary>The text <c>-h</c> prints: every flag with its default.</summary>
internal static class HelpText
{
    public static string Build()
    {
        var text = new StringBuilder();
        text.AppendLine("Usage: livepeer [flags] [--config FILE] [--Plugins:<Id>:<Key>=value ...]");
        text.AppendLine();
        text.AppendLine("With no role flag the node runs gateway, orchestrator and transcoder together, offchain.");
        text.AppendLine();
        text.AppendLine("Flags (a single or double dash; -flag value or -flag=value):");
        foreach (var flag in NodeFlags.All)
        {
            var names = string.Join(", ", new[] { flag.Name }.Concat(flag.Aliases).Select(n => "-" + n));
            var value = flag.Kind == FlagKind.Bool ? "" : flag.Kind == FlagKind.Int ? " <int>" : " <string>";
            text.Append("  ").Append(names).Append(value).AppendLine();
            text.Append("        ").Append(flag.Help).Append(" (default: ")
                .Append(flag.Default.Length == 0 ? "none" : flag.Default).Append("; config key ").Append(flag.ConfigKey).AppendLine(")");
        }

        text.AppendLine("  --config <path>");
        text.AppendLine("        JSON configuration file with the same keys (e.g. {\"Node\":{\"HttpAddr\":\"127.0.0.1:9935\"}})");
        text.AppendLine("  --Plugins:<Id>:<Key>=value");
        text.AppendLine("        A plugin setting; --Plugins:<Id>:Enabled=false turns a plugin off");
        text.AppendLine("  -h, -help");
        text.AppendLine("        Print this help");
        text.AppendLine();
        text.AppendLine("Environment variables LIVEPEER_<Section>__<Key> (e.g. LIVEPEER_Node__HttpAddr) set the same keys.");
        text.AppendLine("Precedence: flags > environment > config file > defaults.");
        return text.ToString();
    }
}
