using System.Globalization;

namespace Livepeer.Host.Configuration;

/// <summary>
/// The parsed command line: configuration keys set by flags, the config file path, whether help was
/// asked for, and every error found (all of them, not just the first).
/// </summary>
internal sealed record CommandLine(
    IReadOnlyDictionary<string, string?> Settings,
    string? ConfigPath,
    bool ShowHelp,
    IReadOnlyList<string> Errors)
{
    private static readonly string[] GenericSections = ["Plugins:", "Node:", "Payments:", "Workers:"];

    /// <summary>
    /// Parses go-livepeer-style flags (<c>-flag value</c>, <c>-flag=value</c>, <c>--flag</c>; boolean flags
    /// take no separate value, as in Go's flag package), <c>--config PATH</c>, and
    /// <c>--Plugins:&lt;Id&gt;:&lt;Key&gt;=value</c> / <c>--Node:&lt;Key&gt;=value</c> / <c>--Payments:&lt;Key&gt;=value</c> /
    /// <c>--Workers:&lt;name&gt;:&lt;Key&gt;=value</c> settings.
    /// </summary>
    public static CommandLine Parse(IReadOnlyList<string> args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        string? configPath = null;
        var help = false;

        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (arg.Length < 2 || arg[0] != '-' || arg == "--")
            {
                errors.Add($"Unexpected argument '{arg}': flags start with '-' (run with -h for the list).");
                continue;
            }

            var body = arg.StartsWith("--", StringComparison.Ordinal) ? arg[2..] : arg[1..];
            var equals = body.IndexOf('=', StringComparison.Ordinal);
            var name = equals >= 0 ? body[..equals] : body;
            var inlineValue = equals >= 0 ? body[(equals + 1)..] : null;

            string? TakeValue()
            {
                if (inlineValue is not null)
                {
                    return inlineValue;
                }

                if (i + 1 < args.Count)
                {
                    return args[++i];
                }

                errors.Add($"Flag -{name} needs a value.");
                return null;
            }

            if (name is "h" or "help")
            {
                help = true;
            }
            else if (name.Equals("config", StringComparison.OrdinalIgnoreCase))
            {
                configPath = TakeValue();
            }
            else if (name.Contains(':', StringComparison.Ordinal))
            {
                if (!GenericSections.Any(s => name.StartsWith(s, StringComparison.OrdinalIgnoreCase)) || name.EndsWith(':'))
                {
                    errors.Add($"Unknown setting '{name}': only --Plugins:<Id>:<Key>=value, --Node:<Key>=value, --Payments:<Key>=value and --Workers:<name>:<Key>=value are accepted.");
                    continue;
                }

                var value = TakeValue();
                if (value is not null)
                {
                    settings[name] = value;
                }
            }
            else if (NodeFlags.ByName.TryGetValue(name, out var flag))
            {
                Apply(flag, flag.Kind == FlagKind.Bool ? inlineValue ?? "true" : TakeValue(), settings, errors);
            }
            else
            {
                errors.Add($"Unknown flag -{name} (run with -h for the list).");
            }
        }

        return new CommandLine(settings, configPath, help, errors);
    }

    private static void Apply(FlagDefinition flag, string? value, Dictionary<string, string?> settings, List<string> errors)
    {
        if (value is null)
        {
            return;
        }

        switch (flag.Kind)
        {
            case FlagKind.Bool when !bool.TryParse(value, out _):
                errors.Add($"Flag -{flag.Name} takes true or false, not '{value}'.");
                return;
            case FlagKind.Int when !long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _):
                errors.Add($"Flag -{flag.Name} takes an integer, not '{value}'.");
                return;
            default:
                settings[flag.ConfigKey] = value;
                return;
        }
    }
}
