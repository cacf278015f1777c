using Microsoft.Extensions.Logging;

namespace Livepeer.Host.Plugins;

/// <summary>The loader's log messages. Event ids are stable: operators filter and alert on them.</summary>
internal static partial class PluginLoaderLog
{
    [LoggerMessage(EventId = 1100, Level = LogLevel.Information, Message = "No plugins loaded: the plugins directory {Directory} does not exist")]
    public static partial void DirectoryMissing(ILogger logger, string directory);

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "No plugins loaded: the plugins directory {Directory} could not be listed: {Reason}")]
    public static partial void DirectoryUnreadable(ILogger logger, string directory, string reason);

    [LoggerMessage(EventId = 1102, Level = LogLevel.Debug, Message = "Skipped {Folder}: it has no plugin.json")]
    public static partial void FolderSkipped(ILogger logger, string folder);

    [LoggerMessage(EventId = 1103, Level = LogLevel.Information, Message = "Plugin {PluginId} {PluginVersion} is active (from {Folder})")]
    public static partial void Active(ILogger logger, string pluginId, string pluginVersion, string folder);

    [LoggerMessage(EventId = 1104, Level = LogLevel.Warning, Message = "Plugin {PluginId} {PluginVersion} is disabled (from {Folder}): {Reason}")]
    public static partial void Disabled(ILogger logger, string pluginId, string pluginVersion, string folder, string? reason);

    [LoggerMessage(EventId = 1105, Level = LogLevel.Warning, Message = "Plugin {PluginId} {PluginVersion} is incompatible (from {Folder}): {Reason}")]
    public static partial void Incompatible(ILogger logger, string pluginId, string pluginVersion, string folder, string? reason);

    [LoggerMessage(EventId = 1106, Level = LogLevel.Warning, Message = "Plugin {PluginId} {PluginVersion} is faulted (from {Folder}): {Reason}")]
    public static partial void Faulted(ILogger logger, string pluginId, string pluginVersion, string folder, string? reason);
}
