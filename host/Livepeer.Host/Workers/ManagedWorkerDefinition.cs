using System.Globalization;
using System.Text.RegularExpressions;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Workers;

/// <summary>
/// One program the node runs next to itself and supervises (section <c>Workers:&lt;name&gt;</c>): started once
/// the node listens, restarted when it exits, stopped when the node stops. BYOC workers use it to run beside
/// their orchestrator; go-livepeer has nothing like it (operators run containers).
/// </summary>
/// <param name="Name">The section key: letters, digits, <c>-</c>, <c>_</c>, <c>.</c>.</param>
/// <param name="Command">The program (a path, or a name looked up on PATH); placeholders allowed.</param>
internal sealed partial record ManagedWorkerDefinition(string Name, string Command)
{
    public const string SectionName = "Workers";

    public static readonly TimeSpan DefaultStopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Arguments (<c>Args:0</c>, <c>Args:1</c>, …); placeholders allowed.</summary>
    public IReadOnlyList<string> Args { get; init; } = [];

    /// <summary>Environment variables added to the node's own; placeholders allowed in values.</summary>
    public IReadOnlyDictionary<string, string> Env { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>The working directory; the node's data directory when not set.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>False when <c>Enabled=false</c>: the worker is listed but never started.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>How long a stopping worker gets after SIGTERM before it is killed.</summary>
    public TimeSpan StopTimeout { get; init; } = DefaultStopTimeout;

    /// <summary>Reads every <c>Workers:&lt;name&gt;</c> section; each problem is added to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<ManagedWorkerDefinition> Read(IConfiguration configuration, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var result = new List<ManagedWorkerDefinition>();
        foreach (var section in configuration.GetSection(SectionName).GetChildren().OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var name = section.Key;
            if (!WorkerName().IsMatch(name))
            {
                errors.Add($"{SectionName}:{name}: a worker name is 1-64 letters, digits, '-', '_' or '.'.");
                continue;
            }

            var enabled = true;
            if (section["Enabled"] is { Length: > 0 } enabledText && !bool.TryParse(enabledText, out enabled))
            {
                errors.Add($"{SectionName}:{name}:Enabled must be true or false, not '{enabledText}'.");
            }

            var command = section["Command"];
            if (string.IsNullOrWhiteSpace(command))
            {
                if (enabled)
                {
                    errors.Add($"{SectionName}:{name}:Command is required (the program to run).");
                }

                command = "";
            }

            var env = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var variable in section.GetSection("Env").GetChildren())
            {
                if (variable.Key.Contains('=', StringComparison.Ordinal) || variable.Key.Contains('\0', StringComparison.Ordinal))
                {
                    errors.Add($"{SectionName}:{name}:Env:{variable.Key} is not a valid environment variable name.");
                    continue;
                }

                env[variable.Key] = variable.Value ?? "";
            }

            result.Add(new ManagedWorkerDefinition(name, command.Trim())
            {
                Args = Arguments(section.GetSection("Args"), $"{SectionName}:{name}:Args", errors),
                Env = env,
                WorkingDirectory = section["WorkingDirectory"] is { Length: > 0 } dir ? dir : null,
                Enabled = enabled,
                StopTimeout = NodeOptions.Duration(section, "StopTimeout", DefaultStopTimeout, errors),
            });
        }

        return result;
    }

    // A configuration array is keys 0, 1, 2…: ordered by number, and a gap is a mistake worth naming.
    private static List<string> Arguments(IConfigurationSection args, string path, List<string> errors)
    {
        var items = new List<(int Index, string Value)>();
        foreach (var child in args.GetChildren())
        {
            if (!int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var index))
            {
                errors.Add($"{path}:{child.Key}: arguments are numbered from 0.");
                continue;
            }

            items.Add((index, child.Value ?? ""));
        }

        items.Sort((a, b) => a.Index.CompareTo(b.Index));
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i].Index != i)
            {
                errors.Add($"{path}: argument {i} is missing (arguments are numbered 0, 1, 2, …).");
                break;
            }
        }

        return [.. items.Select(i => i.Value)];
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex WorkerName();
}
