using System.Reflection;
using System.Runtime.Loader;
using System.Xml.Linq;
using Livepeer.Testing;

namespace Livepeer.Architecture.Tests;

/// <summary>Finds the repository's projects and their built assemblies.</summary>
internal static class RepositoryLayout
{
    public static string Root => RepositoryPaths.Root;

    public static string Configuration => RepositoryPaths.Configuration;

    /// <summary>Every shipped plugin folder (one with a plugin.json).</summary>
    public static IReadOnlyList<string> PluginFolders { get; } =
        Directory.Exists(Path.Combine(Root, "plugins"))
            ? [.. Directory.GetDirectories(Path.Combine(Root, "plugins")).Where(d => File.Exists(Path.Combine(d, "plugin.json"))).Order(StringComparer.Ordinal)]
            : [];

    public static string ProjectFile(string relativeFolder) =>
        Directory.GetFiles(Path.Combine(Root, relativeFolder), "*.csproj").Single();

    public static IReadOnlyList<string> ProjectFiles(string folder) =>
        Directory.Exists(folder) ? Directory.GetFiles(folder, "*.csproj") : [];

    /// <summary>The built assembly of a project (bin/&lt;Configuration&gt;/net10.0/&lt;AssemblyName&gt;.dll).</summary>
    public static string BuiltAssembly(string projectFile)
    {
        var assemblyName = AssemblyNameOf(projectFile);
        var path = Path.Combine(Path.GetDirectoryName(projectFile)!, "bin", Configuration, "net10.0", assemblyName + ".dll");
        Assert.True(File.Exists(path), $"{path} is not built; build the solution in {Configuration} first.");
        return path;
    }

    public static string AssemblyNameOf(string projectFile)
    {
        var name = XDocument.Load(projectFile).Descendants("AssemblyName").FirstOrDefault()?.Value;
        return string.IsNullOrWhiteSpace(name) ? Path.GetFileNameWithoutExtension(projectFile) : name;
    }

    public static IReadOnlyList<string> ProjectReferences(string projectFile) =>
        [.. XDocument.Load(projectFile).Descendants("ProjectReference").Select(e => e.Attribute("Include")!.Value.Replace('\\', '/'))];

    public static IReadOnlyList<string> PackageReferences(string projectFile) =>
        [.. XDocument.Load(projectFile).Descendants("PackageReference").Select(e => e.Attribute("Include")!.Value)];

    /// <summary>The names of the assemblies <paramref name="assemblyPath"/> references, read without running it.</summary>
    public static IReadOnlyList<string> ReferencedAssemblies(string assemblyPath)
    {
        var context = new AssemblyLoadContext("inspect:" + assemblyPath, isCollectible: true);
        try
        {
            var assembly = context.LoadFromAssemblyPath(assemblyPath);
            return [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];
        }
        finally
        {
            context.Unload();
        }
    }

    /// <summary>Loads an assembly with its folder as the probing path, for type inspection.</summary>
    public static Assembly LoadForInspection(string assemblyPath)
    {
        var folder = Path.GetDirectoryName(assemblyPath)!;
        var context = new AssemblyLoadContext("inspect-types:" + assemblyPath, isCollectible: true);
        context.Resolving += (ctx, name) =>
        {
            // The assembly's own folder first, then the ASP.NET Core shared framework, which plugins use at run time.
            foreach (var probe in new[] { folder, AspNetCoreFramework })
            {
                var candidate = probe is null ? null : Path.Combine(probe, name.Name + ".dll");
                if (candidate is not null && File.Exists(candidate))
                {
                    return ctx.LoadFromAssemblyPath(candidate);
                }
            }

            return null;
        };
        return context.LoadFromAssemblyPath(assemblyPath);
    }

    private static string? AspNetCoreFramework { get; } = FindAspNetCoreFramework();

    private static string? FindAspNetCoreFramework()
    {
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory().TrimEnd(Path.DirectorySeparatorChar);
        var shared = Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(runtime)!)!, "Microsoft.AspNetCore.App");
        var exact = Path.Combine(shared, Path.GetFileName(runtime));
        return Directory.Exists(exact) ? exact
            : Directory.Exists(shared) ? Directory.GetDirectories(shared).Order(StringComparer.Ordinal).LastOrDefault()
            : null;
    }

    public static bool IsFrameworkAssembly(string name) =>
        name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib" or "Microsoft.Win32.Primitives" or "Microsoft.Win32.Registry";
}
