using System.Reflection;
using System.Runtime.Loader;

namespace Livepeer.Host.Plugins;

/// <summary>
/// One plugin's assemblies. Private dependencies and native libraries resolve from the plugin's folder
/// through its <c>.deps.json</c>; <see cref="SharedAssemblies"/> resolve to the host's copies so contract
/// types are identical. Not collectible: a changed plugin is picked up by a restart, never by unloading.
/// </summary>
internal sealed class PluginLoadContext : AssemblyLoadContext
{
    private readonly AssemblyDependencyResolver _resolver;

    /// <summary>Creates the context for the plugin whose entry assembly is at <paramref name="entryAssemblyPath"/>.</summary>
    /// <param name="name">A name that shows in diagnostics: the plugin id and its folder.</param>
    /// <param name="entryAssemblyPath">The absolute path of the entry assembly.</param>
    public PluginLoadContext(string name, string entryAssemblyPath)
        : base(name, isCollectible: false)
    {
        _resolver = new AssemblyDependencyResolver(entryAssemblyPath);
    }

    /// <inheritdoc />
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        // Null defers to the default context: the host's copy of a shared assembly, or the framework.
        if (SharedAssemblies.IsShared(assemblyName))
        {
            return null;
        }

        var path = _resolver.ResolveAssemblyToPath(assemblyName);
        return path is null ? null : LoadFromAssemblyPath(path);
    }

    /// <inheritdoc />
    protected override IntPtr LoadUnmanagedDll(string unmanagedDllName)
    {
        var path = _resolver.ResolveUnmanagedDllToPath(unmanagedDllName);
        return path is null ? IntPtr.Zero : LoadUnmanagedDllFromPath(path);
    }
}
