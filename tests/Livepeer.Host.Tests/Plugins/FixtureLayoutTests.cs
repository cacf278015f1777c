namespace Livepeer.Host.Tests.Plugins;

/// <summary>The build lays the fixture plugins out the way a plugin folder must look.</summary>
public sealed class FixtureLayoutTests
{
    public static TheoryData<string> Fixtures =>
    [
        "GoodPlugin", "ThrowingPlugin", "WrongAbstractionsPlugin", "OwnAbstractionsCopyPlugin",
        "ConflictingDependencyA", "ConflictingDependencyB", "NoEntryPlugin", "TwoEntriesPlugin",
    ];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void Fixture_folder_holds_its_manifest_and_entry_assembly_and_no_host_assemblies(string fixture)
    {
        var folder = Path.Combine(PluginsFolder.FixturesDirectory, fixture);
        var files = Directory.GetFiles(folder).Select(Path.GetFileName).ToHashSet(StringComparer.Ordinal);

        Assert.Contains("plugin.json", files);
        Assert.Contains($"{fixture}.dll", files);
        Assert.Contains($"{fixture}.deps.json", files);
        Assert.DoesNotContain("Livepeer.Abstractions.Hosting.dll", files);
        Assert.DoesNotContain(files, f => f!.StartsWith("Microsoft.Extensions.", StringComparison.Ordinal));
        Assert.DoesNotContain(files, f => f!.StartsWith("Livepeer.Host", StringComparison.Ordinal));
        if (fixture == "OwnAbstractionsCopyPlugin")
        {
            Assert.Contains("Livepeer.Abstractions.dll", files);
        }
        else
        {
            Assert.DoesNotContain("Livepeer.Abstractions.dll", files);
        }

        Assert.Equal(fixture.StartsWith("ConflictingDependency", StringComparison.Ordinal), files.Contains("Fixture.Dependency.dll"));
    }

    [Fact]
    public void Conflicting_fixtures_ship_two_versions_of_one_assembly_name()
    {
        var a = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(PluginsFolder.FixturesDirectory, "ConflictingDependencyA", "Fixture.Dependency.dll"));
        var b = System.Reflection.AssemblyName.GetAssemblyName(Path.Combine(PluginsFolder.FixturesDirectory, "ConflictingDependencyB", "Fixture.Dependency.dll"));

        Assert.Equal(a.Name, b.Name);
        Assert.Equal(new Version(1, 0, 0, 0), a.Version);
        Assert.Equal(new Version(2, 0, 0, 0), b.Version);
    }

    [Fact]
    public void Test_assembly_does_not_carry_fixture_code()
    {
        var files = Directory.GetFiles(AppContext.BaseDirectory).Select(Path.GetFileName).ToList();

        Assert.DoesNotContain("Fixture.Dependency.dll", files);
        Assert.DoesNotContain("GoodPlugin.dll", files);
    }
}
