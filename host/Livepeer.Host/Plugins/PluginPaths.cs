namespace Livepeer.Host.Plugins;

/// <summary>
/// Keeps manifest paths inside the plugin's folder. A manifest is data from whoever dropped the folder in
/// place; it may not point the loader at <c>../other/x.dll</c>, <c>/etc/x.dll</c>, a share or a URL.
/// </summary>
internal static class PluginPaths
{
    private static readonly char[] Separators = ['/', '\\'];

    /// <summary>
    /// Resolves <paramref name="relativePath"/> against <paramref name="pluginDirectory"/>, or says why it
    /// is refused. Checked on the text first (the same on every OS), then on the normalised full path.
    /// </summary>
    /// <param name="pluginDirectory">The plugin's folder, absolute.</param>
    /// <param name="relativePath">The path from the manifest.</param>
    /// <param name="fullPath">The absolute path inside the folder, when accepted.</param>
    /// <param name="reason">Why the path is refused, when it is.</param>
    public static bool TryResolve(string pluginDirectory, string? relativePath, out string fullPath, out string reason)
    {
        ArgumentNullException.ThrowIfNull(pluginDirectory);
        fullPath = "";
        reason = Check(relativePath);
        if (reason.Length > 0)
        {
            return false;
        }

        var root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(pluginDirectory));
        // A backslash is a separator on Windows and a file-name character elsewhere; treat it as a
        // separator everywhere so a manifest means the same thing on every OS.
        var normalised = relativePath!.Replace('\\', '/');
        var candidate = Path.GetFullPath(Path.Combine(root, normalised));
        var comparison = OperatingSystem.IsWindows() || OperatingSystem.IsMacOS()
            ? StringComparison.OrdinalIgnoreCase
            : StringComparison.Ordinal;
        if (!candidate.StartsWith(root + Path.DirectorySeparatorChar, comparison))
        {
            reason = $"'{relativePath}' resolves outside the plugin folder";
            return false;
        }

        fullPath = candidate;
        return true;
    }

    private static string Check(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return "the path is empty";
        }

        if (path != path.Trim())
        {
            return $"'{path}' has leading or trailing white space";
        }

        if (path.IndexOfAny(Path.GetInvalidPathChars()) >= 0 || path.Contains('\0', StringComparison.Ordinal))
        {
            return $"'{path}' contains characters not allowed in a path";
        }

        // ':' covers drive letters (C:\x.dll), URLs (file:///x.dll, http://x/x.dll) and NTFS streams.
        if (path.Contains(':', StringComparison.Ordinal))
        {
            return $"'{path}' is not a relative path (it contains ':')";
        }

        // '/' and '\' cover absolute paths and shares (//server/x.dll, \\server\share\x.dll).
        if (path[0] is '/' or '\\')
        {
            return $"'{path}' is not a relative path";
        }

        // The shell's home directory is not a path the runtime understands; refuse rather than guess.
        if (path[0] == '~')
        {
            return $"'{path}' refers to a home directory";
        }

        if (Path.IsPathRooted(path))
        {
            return $"'{path}' is not a relative path";
        }

        foreach (var segment in path.Split(Separators))
        {
            if (segment == "..")
            {
                return $"'{path}' has a '..' segment";
            }

            if (segment.Length == 0)
            {
                return $"'{path}' has an empty segment";
            }
        }

        return "";
    }
}
