using System.Reflection;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Livepeer.Host.Plugins;

/// <summary>
/// Loads every plugin folder at start-up, each into its own <see cref="PluginLoadContext"/>, and lets its
/// entry type register services. A plugin that cannot load or register becomes a
/// <see cref="PluginState"/>; nothing a plugin does escapes <see cref="LoadAll"/>, so the host keeps running.
/// </summary>
public sealed class PluginLoader
{
    /// <summary>The configuration section holding one sub-section per plugin id.</summary>
    public const string ConfigurationSection = "Plugins";

    /// <summary>The key inside a plugin's section that turns it off: <c>Plugins:&lt;Id&gt;:Enabled=false</c>.</summary>
    public const string EnabledKey = "Enabled";

    private readonly ILogger<PluginLoader> _logger;

    /// <summary>Creates a loader that logs under the <c>Livepeer.Host.Plugins.PluginLoader</c> category.</summary>
    public PluginLoader(ILogger<PluginLoader> logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _logger = logger;
    }

    /// <summary>
    /// Loads each immediate subfolder of <paramref name="pluginsDirectory"/> that holds a <c>plugin.json</c>,
    /// in ordinal order of folder name, and copies the services of each plugin that registers without
    /// throwing into <paramref name="services"/>.
    /// </summary>
    /// <param name="pluginsDirectory">The folder holding one folder per plugin; missing means no plugins.</param>
    /// <param name="configuration">The host configuration; each plugin gets its own <c>Plugins:&lt;Id&gt;</c> section.</param>
    /// <param name="roles">The roles this node runs, passed to each plugin.</param>
    /// <param name="services">The host's services; receives every Active plugin's registrations.</param>
    /// <returns>One state per plugin folder, in load order.</returns>
    public IReadOnlyList<PluginState> LoadAll(string pluginsDirectory, IConfiguration configuration, NodeRoles roles, IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(pluginsDirectory);
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(services);

        string[] folders;
        string root;
        try
        {
            root = Path.GetFullPath(pluginsDirectory);
            if (!Directory.Exists(root))
            {
                PluginLoaderLog.DirectoryMissing(_logger, root);
                return [];
            }

            folders = Directory.GetDirectories(root);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            PluginLoaderLog.DirectoryUnreadable(_logger, pluginsDirectory, ex.Message);
            return [];
        }

        // Folders share the root, so ordinal order of full paths is ordinal order of folder names.
        Array.Sort(folders, StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var states = new List<PluginState>();
        foreach (var folder in folders)
        {
            if (!File.Exists(Path.Combine(folder, PluginManifest.FileName)))
            {
                PluginLoaderLog.FolderSkipped(_logger, folder);
                continue;
            }

            PluginState state;
            try
            {
                state = LoadOne(folder, configuration, roles, services, owners);
            }
            catch (Exception ex)
            {
                // Belt and braces: LoadOne classifies what it expects; nothing else may stop the host either.
                state = new PluginState(Path.GetFileName(folder), "", PluginStatus.Faulted, $"loading failed: {Describe(ex)}");
            }

            Log(state, folder);
            states.Add(state);
        }

        return states;
    }

    private static PluginState LoadOne(
        string folder, IConfiguration configuration, NodeRoles roles, IServiceCollection services, Dictionary<string, string> owners)
    {
        var folderName = Path.GetFileName(folder);
        var read = PluginManifestReader.Read(folder);
        if (read.Manifest is not { } manifest)
        {
            return new PluginState(folderName, "", PluginStatus.Faulted, $"invalid {PluginManifest.FileName}: {read.Error}");
        }

        if (owners.TryGetValue(manifest.Id, out var owner))
        {
            return Faulted(manifest, $"duplicate id '{manifest.Id}': the plugin in folder '{owner}' already has it");
        }

        owners.Add(manifest.Id, folderName);
        var section = configuration.GetSection($"{ConfigurationSection}:{manifest.Id}");
        var enabled = section[EnabledKey];
        if (enabled is not null)
        {
            if (!bool.TryParse(enabled.Trim(), out var isEnabled))
            {
                return Faulted(manifest, $"{ConfigurationSection}:{manifest.Id}:{EnabledKey} is '{enabled}'; expected true or false");
            }

            if (!isEnabled)
            {
                return new PluginState(manifest.Id, manifest.Version, PluginStatus.Disabled, $"{ConfigurationSection}:{manifest.Id}:{EnabledKey} is false");
            }
        }

        // The reader has validated the format already.
        _ = PluginManifestReader.TryParseContractVersion(manifest.AbstractionsVersion, out var contracts);
        if (!ContractVersion.IsCompatible(contracts))
        {
            return Incompatible(manifest, $"built against contracts {contracts}, host has {ContractVersion.Current}");
        }

        var entryPath = read.EntryAssemblyPath;
        if (!File.Exists(entryPath))
        {
            return Faulted(manifest, $"entry assembly '{manifest.EntryAssembly}' is not in the plugin folder");
        }

        if (SharedAssemblies.IsShared(Path.GetFileNameWithoutExtension(entryPath)))
        {
            return Faulted(manifest, $"entry assembly '{manifest.EntryAssembly}' is one the host shares with every plugin");
        }

        ILivepeerPlugin plugin;
        try
        {
            var context = new PluginLoadContext($"plugin {manifest.Id} ({folder})", entryPath);
            var assembly = context.LoadFromAssemblyPath(entryPath);
            if (!PluginEntryPoint.TryFind(assembly, out var entryType, out var reason))
            {
                return Faulted(manifest, reason);
            }

            plugin = (ILivepeerPlugin)Activator.CreateInstance(entryType)!;
        }
        catch (Exception ex)
        {
            var cause = Unwrap(ex);
            return IsLoadFailure(cause)
                ? Incompatible(manifest, Describe(cause))
                : Faulted(manifest, $"the entry type could not be created: {Describe(cause)}");
        }

        // A temporary collection: a plugin that throws halfway leaves nothing behind in the host.
        var registrations = new ServiceCollection();
        try
        {
            plugin.Register(registrations, new PluginContext(manifest, section, folder, roles));
        }
        catch (Exception ex)
        {
            var cause = Unwrap(ex);
            // Code compiled against other contracts fails when Register is first run: that is incompatibility.
            return cause is TypeLoadException or MissingMemberException
                ? Incompatible(manifest, Describe(cause))
                : Faulted(manifest, $"Register threw {Describe(cause)}");
        }

        foreach (var descriptor in registrations)
        {
            services.Add(descriptor);
        }

        return new PluginState(manifest.Id, manifest.Version, PluginStatus.Active, null);
    }

    // The failures of loading code that was built for something else: a missing or mismatched dependency,
    // a file that is not an assembly, a type or member that is not where the compiler saw it.
    private static bool IsLoadFailure(Exception ex) =>
        ex is ReflectionTypeLoadException or FileNotFoundException or FileLoadException or BadImageFormatException
            or TypeLoadException or MissingMemberException;

    private static Exception Unwrap(Exception ex) =>
        ex is TargetInvocationException { InnerException: { } inner } ? Unwrap(inner) : ex;

    private static string Describe(Exception ex)
    {
        if (ex is ReflectionTypeLoadException { LoaderExceptions: var loaderExceptions })
        {
            var causes = loaderExceptions.OfType<Exception>().Select(e => e.Message).Distinct(StringComparer.Ordinal).Take(3);
            return $"{ex.GetType().Name}: {ex.Message} {string.Join(" ", causes)}".TrimEnd();
        }

        return $"{ex.GetType().Name}: {ex.Message}";
    }

    private static PluginState Faulted(PluginManifest manifest, string reason) =>
        new(manifest.Id, manifest.Version, PluginStatus.Faulted, reason);

    private static PluginState Incompatible(PluginManifest manifest, string reason) =>
        new(manifest.Id, manifest.Version, PluginStatus.Incompatible, reason);

    private void Log(PluginState state, string folder)
    {
        switch (state.Status)
        {
            case PluginStatus.Active:
                PluginLoaderLog.Active(_logger, state.Id, state.Version, folder);
                break;
            case PluginStatus.Disabled:
                PluginLoaderLog.Disabled(_logger, state.Id, state.Version, folder, state.Reason);
                break;
            case PluginStatus.Incompatible:
                PluginLoaderLog.Incompatible(_logger, state.Id, state.Version, folder, state.Reason);
                break;
            default:
                PluginLoaderLog.Faulted(_logger, state.Id, state.Version, folder, state.Reason);
                break;
        }
    }
}
