using System.Text.Json;

namespace Livepeer.Architecture.Tests;

/// <summary>Conventions every shipped plugin follows.</summary>
public sealed class PluginConventionTests
{
    public static TheoryData<string> Plugins()
    {
        var data = new TheoryData<string>();
        foreach (var folder in RepositoryLayout.PluginFolders)
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Fact]
    public void The_product_ships_plugins()
    {
        Assert.NotEmpty(RepositoryLayout.PluginFolders);
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Plugin_folder_has_manifest_readme_source_and_tests(string plugin)
    {
        var folder = Path.Combine(RepositoryLayout.Root, "plugins", plugin);
        Assert.True(File.Exists(Path.Combine(folder, "README.md")), $"plugins/{plugin} has no README.md.");
        Assert.Single(RepositoryLayout.ProjectFiles(Path.Combine(folder, "src")));
        Assert.Single(RepositoryLayout.ProjectFiles(Path.Combine(folder, "test")));
        using var manifest = JsonDocument.Parse(File.ReadAllText(Path.Combine(folder, "plugin.json")));
        Assert.Equal(plugin, manifest.RootElement.GetProperty("id").GetString());
    }

    [Theory]
    [MemberData(nameof(Plugins))]
    public void Plugin_has_a_test_class_deriving_from_the_conformance_kit(string plugin)
    {
        var testProject = RepositoryLayout.ProjectFiles(Path.Combine(RepositoryLayout.Root, "plugins", plugin, "test")).Single();
        var assembly = RepositoryLayout.LoadForInspection(RepositoryLayout.BuiltAssembly(testProject));
        Type?[] types;
        try
        {
            types = assembly.GetTypes();
        }
        catch (System.Reflection.ReflectionTypeLoadException e)
        {
            // Types whose signatures need framework assemblies this inspection context lacks are skipped.
            types = e.Types;
        }

        var derived = types.OfType<Type>().Where(t => !t.IsAbstract && DerivesFromKit(t)).ToList();
        Assert.True(derived.Count > 0, $"plugins/{plugin}/test has no test class deriving from a Livepeer.Abstractions.Conformance kit class.");
    }

    private static bool DerivesFromKit(Type type)
    {
        Type? baseType;
        try
        {
            baseType = type.BaseType;
        }
        catch (FileNotFoundException)
        {
            return false;
        }

        for (var t = baseType; t is not null; t = t.BaseType)
        {
            if (t.IsAbstract && t.Namespace == "Livepeer.Abstractions.Conformance")
            {
                return true;
            }
        }

        return false;
    }
}
