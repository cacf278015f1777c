namespace Livepeer.Testing;

/// <summary>Where things are in the repository checkout the tests run from.</summary>
public static class RepositoryPaths
{
    /// <summary>The folder holding Livepeer.Host.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the running tests were built in (Debug or Release).</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    /// <summary>The built host, <c>host/Livepeer.Host/bin/&lt;Configuration&gt;/net10.0/Livepeer.Host.dll</c>.</summary>
    public static string HostAssembly => Path.Combine(Root, "host", "Livepeer.Host", "bin", Configuration, "net10.0", "Livepeer.Host.dll");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Livepeer.Host.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Livepeer.Host.sln not found above " + AppContext.BaseDirectory);
    }
}
