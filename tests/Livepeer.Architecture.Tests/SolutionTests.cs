using System.Text.RegularExpressions;

namespace Livepeer.Architecture.Tests;

/// <summary>./test.sh builds and tests the solution: a project left out of it would be neither built in Release nor tested.</summary>
public sealed partial class SolutionTests
{
    [Fact]
    public void Every_project_in_the_repository_is_in_the_solution()
    {
        var root = RepositoryLayout.Root;
        var inSolution = ProjectLine().Matches(File.ReadAllText(Path.Combine(root, "Livepeer.Host.sln")))
            .Select(m => Path.GetFullPath(Path.Combine(root, m.Groups[1].Value.Replace('\\', Path.DirectorySeparatorChar))))
            .ToHashSet(StringComparer.Ordinal);
        var projects = Directory.EnumerateFiles(root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !IsExcluded(Path.GetRelativePath(root, p)))
            .ToList();
        Assert.NotEmpty(projects);
        var missing = projects.Where(p => !inSolution.Contains(p)).Select(p => Path.GetRelativePath(root, p)).ToList();
        Assert.True(missing.Count == 0, "Not in Livepeer.Host.sln: " + string.Join(", ", missing));
    }

    // Template content is instantiated by the template test, not built in place; fixture plugins are built
    // through the loader tests' project references; bin/obj hold build output.
    private static bool IsExcluded(string relative) =>
        relative.StartsWith("plugin-template/templates/", StringComparison.Ordinal) ||
        relative.StartsWith("tests/TestPlugins/", StringComparison.Ordinal) ||
        relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal) ||
        relative.StartsWith("artifacts/", StringComparison.Ordinal) || relative.StartsWith(".livepeer/", StringComparison.Ordinal);

    [GeneratedRegex(@"^Project\(""\{[^}]+\}""\) = ""[^""]+"", ""([^""]+\.csproj)""", RegexOptions.Multiline)]
    private static partial Regex ProjectLine();
}
