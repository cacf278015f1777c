namespace Livepeer.Architecture.Tests;

/// <summary>The dependency rules of docs/architecture.md, checked on project files and built assemblies.</summary>
public sealed class DependencyRuleTests
{
    private static readonly string[] TestLibraries = ["xunit", "Microsoft.NET.Test.Sdk", "Microsoft.VisualStudio.TestPlatform", "Microsoft.TestPlatform", "Livepeer.Abstractions.Conformance", "coverlet", "NSubstitute", "Moq"];

    [Theory]
    [InlineData("abstractions/Livepeer.Abstractions")]
    [InlineData("abstractions/Livepeer.Media")]
    public void Contracts_reference_only_the_BCL(string folder)
    {
        var project = RepositoryLayout.ProjectFile(folder);
        Assert.Empty(RepositoryLayout.ProjectReferences(project));
        Assert.Empty(RepositoryLayout.PackageReferences(project));
        var references = RepositoryLayout.ReferencedAssemblies(RepositoryLayout.BuiltAssembly(project));
        Assert.NotEmpty(references);
        Assert.All(references, r => Assert.True(RepositoryLayout.IsFrameworkAssembly(r), $"{folder} references {r}, which is not part of the BCL."));
    }

    [Fact]
    public void Hosting_contracts_reference_only_the_contracts_and_extensions_abstractions()
    {
        var project = RepositoryLayout.ProjectFile("abstractions/Livepeer.Abstractions.Hosting");
        var references = RepositoryLayout.ReferencedAssemblies(RepositoryLayout.BuiltAssembly(project));
        Assert.Contains("Livepeer.Abstractions", references);
        Assert.All(references, r => Assert.True(
            RepositoryLayout.IsFrameworkAssembly(r) || r == "Livepeer.Abstractions" ||
            (r.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal) && r.EndsWith(".Abstractions", StringComparison.Ordinal)),
            $"Livepeer.Abstractions.Hosting references {r}."));
    }

    [Fact]
    public void Http_contracts_reference_only_the_contracts_and_ASP_NET_Core()
    {
        var project = RepositoryLayout.ProjectFile("abstractions/Livepeer.Abstractions.AspNetCore");
        var references = RepositoryLayout.ReferencedAssemblies(RepositoryLayout.BuiltAssembly(project));
        Assert.All(references, r => Assert.True(
            RepositoryLayout.IsFrameworkAssembly(r) || r == "Livepeer.Abstractions" ||
            r.StartsWith("Microsoft.AspNetCore.", StringComparison.Ordinal) || r.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal),
            $"Livepeer.Abstractions.AspNetCore references {r}."));
    }

    [Fact]
    public void Conformance_kit_references_only_contracts_xunit_and_extensions()
    {
        var project = RepositoryLayout.ProjectFile("abstractions/Livepeer.Abstractions.Conformance");
        var references = RepositoryLayout.ReferencedAssemblies(RepositoryLayout.BuiltAssembly(project));
        Assert.All(references, r => Assert.True(
            RepositoryLayout.IsFrameworkAssembly(r) || r.StartsWith("Livepeer.Abstractions", StringComparison.Ordinal) ||
            r.StartsWith("xunit", StringComparison.Ordinal) || r.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal),
            $"The conformance kit references {r}."));
        Assert.DoesNotContain(references, r => r.StartsWith("Livepeer.Host", StringComparison.Ordinal));
    }

    [Fact]
    public void Host_references_no_plugin()
    {
        var project = RepositoryLayout.ProjectFile("host/Livepeer.Host");
        Assert.DoesNotContain(RepositoryLayout.ProjectReferences(project), r => r.Contains("plugins/", StringComparison.Ordinal));
        var references = RepositoryLayout.ReferencedAssemblies(RepositoryLayout.BuiltAssembly(project));
        foreach (var plugin in PluginAssemblyNames())
        {
            Assert.DoesNotContain(plugin, references);
        }
    }

    [Fact]
    public void Plugins_reference_only_abstractions_never_the_host_or_each_other()
    {
        var pluginNames = PluginAssemblyNames();
        foreach (var folder in RepositoryLayout.PluginFolders)
        {
            foreach (var project in RepositoryLayout.ProjectFiles(Path.Combine(folder, "src")))
            {
                Assert.All(RepositoryLayout.ProjectReferences(project), r => Assert.True(
                    r.Contains("abstractions/", StringComparison.Ordinal), $"{project} references {r}; plugins may reference only abstractions/."));
                var own = RepositoryLayout.AssemblyNameOf(project);
                var references = RepositoryLayout.ReferencedAssemblies(RepositoryLayout.BuiltAssembly(project));
                Assert.DoesNotContain("Livepeer.Host", references);
                Assert.Empty(references.Intersect(pluginNames.Where(n => n != own)));
            }
        }
    }

    [Fact]
    public void No_product_assembly_references_a_test_library()
    {
        var products = new List<string>
        {
            RepositoryLayout.ProjectFile("abstractions/Livepeer.Abstractions"),
            RepositoryLayout.ProjectFile("abstractions/Livepeer.Abstractions.Hosting"),
            RepositoryLayout.ProjectFile("host/Livepeer.Host"),
        };
        products.AddRange(RepositoryLayout.PluginFolders.SelectMany(f => RepositoryLayout.ProjectFiles(Path.Combine(f, "src"))));
        foreach (var project in products)
        {
            var references = RepositoryLayout.ReferencedAssemblies(RepositoryLayout.BuiltAssembly(project));
            Assert.All(references, r => Assert.False(
                TestLibraries.Any(t => r.StartsWith(t, StringComparison.Ordinal)), $"{Path.GetFileName(project)} references the test library {r}."));
        }
    }

    private static List<string> PluginAssemblyNames() =>
        [.. RepositoryLayout.PluginFolders.SelectMany(f => RepositoryLayout.ProjectFiles(Path.Combine(f, "src"))).Select(RepositoryLayout.AssemblyNameOf)];
}
