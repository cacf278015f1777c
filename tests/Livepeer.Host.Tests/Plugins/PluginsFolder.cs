using System.Runtime.Loader;
using System.Text.Json;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Hosting;
using Livepeer.Host.Plugins;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Host.Tests.Plugins;

/// <summary>
/// A fresh plugins directory in the temp folder, filled from the real fixture plugins that the build lays
/// out under <c>fixture-plugins/</c>. Each test gets its own, so load contexts never share a folder.
/// </summary>
internal sealed class PluginsFolder : IDisposable
{
    /// <summary>Where the build copies each fixture plugin's output folder.</summary>
    public static string FixturesDirectory { get; } = Path.Combine(AppContext.BaseDirectory, "fixture-plugins");

    public PluginsFolder()
    {
        // The parent lets hostile-path tests place a real assembly just outside the plugins directory.
        Root = Path.Combine(Path.GetTempPath(), "livepeer-plugin-tests", Guid.NewGuid().ToString("N"));
        Directory = Path.Combine(Root, "plugins");
        System.IO.Directory.CreateDirectory(Directory);
    }

    /// <summary>A folder outside the plugins directory, deleted with it.</summary>
    public string Root { get; }

    /// <summary>The plugins directory handed to the loader.</summary>
    public string Directory { get; }

    public RecordingLogger<PluginLoader> Logger { get; } = new();

    /// <summary>Copies the fixture <paramref name="fixture"/> in as the folder <paramref name="folderName"/>.</summary>
    public string AddFixture(string fixture, string? folderName = null)
    {
        var source = Path.Combine(FixturesDirectory, fixture);
        Assert.True(System.IO.Directory.Exists(source), $"The build did not lay out the fixture plugin {source}.");
        var target = Path.Combine(Directory, folderName ?? fixture);
        foreach (var file in System.IO.Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var destination = Path.Combine(target, Path.GetRelativePath(source, file));
            System.IO.Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination);
        }

        return target;
    }

    /// <summary>Creates an empty plugin folder whose plugin.json holds <paramref name="manifest"/> as JSON.</summary>
    public string AddManifest(string folderName, object manifest) =>
        AddRawManifest(folderName, JsonSerializer.SerializeToUtf8Bytes(manifest));

    /// <summary>Creates an empty plugin folder whose plugin.json holds exactly <paramref name="bytes"/>.</summary>
    public string AddRawManifest(string folderName, byte[] bytes)
    {
        var folder = Path.Combine(Directory, folderName);
        System.IO.Directory.CreateDirectory(folder);
        File.WriteAllBytes(Path.Combine(folder, PluginManifest.FileName), bytes);
        return folder;
    }

    /// <summary>Runs the loader over this folder.</summary>
    public IReadOnlyList<PluginState> Load(
        IServiceCollection services, IReadOnlyDictionary<string, string?>? settings = null, NodeRoles roles = NodeRoles.Gateway)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        return new PluginLoader(Logger).LoadAll(Directory, configuration, roles, services);
    }

    /// <summary>True when some load context was created for a plugin in <paramref name="folder"/>.</summary>
    public static bool WasLoaded(string folder) =>
        AssemblyLoadContext.All.Any(c => c.Name?.Contains(folder, StringComparison.Ordinal) == true);

    public void Dispose()
    {
        try
        {
            System.IO.Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a loaded assembly may pin its file on some systems.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
