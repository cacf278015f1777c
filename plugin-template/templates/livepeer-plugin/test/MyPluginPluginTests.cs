using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json;

namespace MyPlugin.Tests;

/// <summary>The conformance kit's plugin facts: the manifest, one entry type, registration only, unique names.</summary>
public sealed class MyPluginPluginTests : PluginConformanceTests<MyPluginPlugin>
{
    /// <summary>The manifest as shipped: plugin.json, copied next to the test assembly by the plugin project.</summary>
    protected override PluginManifest Manifest => ReadManifest();

#if (discovery)
    protected override IConfiguration Configuration => new InMemoryConfiguration(new Dictionary<string, string?>
    {
        ["Orchestrators"] = "https://o1.example:8935, o2.example:8935",
    });

#endif
    /// <summary>Resolves the registrations in a real container, with what the node provides to every plugin.</summary>
    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(new ManualTimeProvider());
        services.AddSingleton<IRandomSource>(new SeededRandomSource(1));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void RegistersItsExtensionUnderItsName()
    {
        using var provider = (ServiceProvider)BuildServiceProvider(Register(Roles))!;

        var names = ExtensionPoints
            .SelectMany(point => provider.GetServices(point).OfType<INamedExtension>())
            .Select(e => e.Name)
            .Distinct()
            .ToList();

        Assert.Equal([MyPluginPlugin.ExtensionName], names);
    }

    private static PluginManifest ReadManifest()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, PluginManifest.FileName)));
        var root = json.RootElement;
        return new PluginManifest(
            root.GetProperty("id").GetString()!,
            root.GetProperty("version").GetString()!,
            root.GetProperty("entryAssembly").GetString()!,
            root.GetProperty("abstractionsVersion").GetString()!);
    }
}
