using System.Reflection;

namespace Livepeer.Host.Plugins;

/// <summary>
/// The single allowlist of assemblies a plugin always gets from the host, never from its own folder. A
/// type that crosses the plugin boundary (a contract interface, an <c>IServiceCollection</c>, an
/// <c>ILogger</c>) must come from one load, or the host's <c>typeof(IDiscoverySource)</c> and the plugin's
/// are different types and nothing the plugin registers can be resolved by the host.
/// </summary>
internal static class SharedAssemblies
{
    // Always the host's copy, even when a plugin ships its own.
    private static readonly HashSet<string> ContractAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        // Every extension-point interface and DTO: the host resolves plugins' services by these types.
        "Livepeer.Abstractions",

        // ILivepeerPlugin, PluginContext, PluginManifest: the entry contract the loader calls.
        "Livepeer.Abstractions.Hosting",

        // IEndpointContributor: the routes plugins serve on the host's listeners.
        "Livepeer.Abstractions.AspNetCore",

        // The shared media toolkit: segments, demuxers and muxers that plugins hand to one another.
        "Livepeer.Media",
    };

    // The host's copy when the host's shared framework provides the assembly (ASP.NET Core ships
    // Microsoft.Extensions.* and Microsoft.AspNetCore.*); otherwise the plugin keeps its private copy, so a
    // plugin may still bring a Microsoft.Extensions package the framework lacks.
    private static readonly string[] FrameworkPrefixes =
    [
        // DependencyInjection.Abstractions, Configuration.Abstractions, Logging.Abstractions, Options,
        // Primitives, Hosting.Abstractions, FileProviders.Abstractions, ...: IServiceCollection,
        // IConfiguration, ILogger<T>, IOptions<T> and IHostedService appear in what plugins register.
        "Microsoft.Extensions.",

        // Http.Abstractions, Routing, Server.Kestrel.Core, ...: plugins map endpoints and plug connection
        // handlers into the host's Kestrel.
        "Microsoft.AspNetCore.",
    ];

    // Simple names of the assemblies the default context can load: the runtime, the shared frameworks and
    // the host's own dependencies.
    private static readonly Lazy<HashSet<string>> HostAssemblies = new(ReadTrustedPlatformAssemblies);

    /// <summary>True when <paramref name="name"/> must resolve to the host's copy.</summary>
    public static bool IsShared(AssemblyName name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Name is { } simpleName && IsShared(simpleName);
    }

    /// <summary>True when the assembly with this simple name must resolve to the host's copy.</summary>
    public static bool IsShared(string simpleName)
    {
        ArgumentNullException.ThrowIfNull(simpleName);
        if (ContractAssemblies.Contains(simpleName))
        {
            return true;
        }

        foreach (var prefix in FrameworkPrefixes)
        {
            if (simpleName.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                return HostAssemblies.Value.Contains(simpleName);
            }
        }

        return false;
    }

    private static HashSet<string> ReadTrustedPlatformAssemblies()
    {
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string paths)
        {
            foreach (var path in paths.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
            {
                names.Add(Path.GetFileNameWithoutExtension(path));
            }
        }

        return names;
    }
}
