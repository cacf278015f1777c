using Livepeer.Abstractions;
#if (byoc)
using Livepeer.Abstractions.Byoc;
#endif
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace MyPlugin.Tests;

/// <summary>
/// The conformance kit's plugin facts: the manifest (plugin.json, which the plugin project copies next to this
/// test assembly), one entry type, registration only, unique names.
/// </summary>
public sealed class MyPluginPluginTests : PluginConformanceTests<MyPluginPlugin>
{
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
#if (byoc)

    [Fact]
    public void OffersTheCapabilityOnlyOnOrchestrators()
    {
        Assert.Empty(Register(NodeRoles.Gateway));
        using var provider = (ServiceProvider)BuildServiceProvider(Register(NodeRoles.Orchestrator))!;
        var capability = Assert.Single(provider.GetServices<IByocCapability>());
        Assert.Equal(MyPluginPlugin.ExtensionName, capability.Info.Name);
        Assert.True(capability.Info.Capacity >= 1);
    }
#endif
}
