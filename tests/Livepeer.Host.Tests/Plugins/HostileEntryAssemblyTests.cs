using Livepeer.Abstractions.Hosting;
using Livepeer.Host.Plugins;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Host.Tests.Plugins;

/// <summary>A manifest may not point the loader outside its own folder, however it spells the path.</summary>
public sealed class HostileEntryAssemblyTests : IDisposable
{
    private readonly PluginsFolder _plugins = new();

    public void Dispose() => _plugins.Dispose();

    [Theory]
    [InlineData("../x.dll")]
    [InlineData("..\\x.dll")]
    [InlineData("/etc/passwd")]
    [InlineData("/etc/x.dll")]
    [InlineData("C:\\x.dll")]
    [InlineData("C:x.dll")]
    [InlineData("\\\\server\\share\\x.dll")]
    [InlineData("//server/x.dll")]
    [InlineData("\\x.dll")]
    [InlineData("file:///x.dll")]
    [InlineData("http://evil/x.dll")]
    [InlineData("~/x.dll")]
    [InlineData("a/../../x.dll")]
    [InlineData("a/../x.dll")]
    [InlineData("a\\..\\..\\x.dll")]
    [InlineData("..")]
    [InlineData("lib/")]
    [InlineData("a//x.dll")]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData(" x.dll")]
    [InlineData("x.dll\0.txt")]
    public void Hostile_entry_assembly_is_refused_before_any_load(string entryAssembly)
    {
        // A real plugin assembly sits just outside the plugins directory, where traversal would reach it.
        var good = _plugins.AddFixture("GoodPlugin", "good-source");
        File.Copy(Path.Combine(good, "GoodPlugin.dll"), Path.Combine(_plugins.Root, "x.dll"));
        Directory.Delete(good, recursive: true);
        var folder = _plugins.AddManifest("hostile", Manifests.Valid("hostile", entryAssembly: entryAssembly));
        var services = new ServiceCollection();

        var state = Assert.Single(_plugins.Load(services));

        Assert.Equal(PluginStatus.Faulted, state.Status);
        Assert.Contains("'entryAssembly' is refused", state.Reason, StringComparison.Ordinal);
        Assert.Empty(services);
        Assert.False(PluginsFolder.WasLoaded(folder));
    }

    [Theory]
    [InlineData("x.dll", "x.dll")]
    [InlineData("lib/x.dll", "lib/x.dll")]
    [InlineData("lib\\x.dll", "lib/x.dll")]
    [InlineData("./x.dll", "x.dll")]
    [InlineData("a..b.dll", "a..b.dll")]
    public void Relative_paths_inside_the_folder_are_accepted(string entryAssembly, string expected)
    {
        Assert.True(PluginPaths.TryResolve(_plugins.Directory, entryAssembly, out var fullPath, out var reason), reason);
        Assert.Equal(Path.GetFullPath(Path.Combine(_plugins.Directory, expected)), fullPath);
    }
}
