using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Livepeer.Conformance.Tests.Discovery;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Livepeer.Conformance.Tests.Plugins;

public sealed class TestPluginConformanceTests : PluginConformanceTests<TestPlugin>
{
    protected override PluginManifest Manifest => new("test-plugin", "1.0.0", "Livepeer.Conformance.Tests.dll", "1.0");

    protected override IConfiguration Configuration => new InMemoryConfiguration(new Dictionary<string, string?>
    {
        ["Orchestrators:0"] = "https://o1.example:8935",
        ["Orchestrators:1"] = "https://o2.example:8935",
    });

    /// <summary>Not a kit fact: the plugin reads its own section (so the configuration fake works).</summary>
    [Fact]
    public async Task ReadsItsConfiguration()
    {
        var services = Register(Roles);
        var source = (IDiscoverySource)services.Single(d => d.ServiceType == typeof(IDiscoverySource)).ImplementationInstance!;

        var candidates = await source.GetCandidatesAsync(new DiscoveryQuery(10), CancellationToken.None);

        Assert.Equal(2, candidates.Count);
    }
}

/// <summary>The kit catches a plugin with a manifest for other contracts or duplicate extension names.</summary>
public sealed class BrokenPluginTests
{
    [Fact]
    public void KitCatchesIncompatibleContracts() =>
        Assert.ThrowsAny<Exception>(() => new Kit("2.0").ManifestDescribesThePlugin());

    [Fact]
    public void KitCatchesDuplicateNames() =>
        Assert.ThrowsAny<Exception>(() => new Kit("1.0", duplicate: true).ExtensionsHaveUniqueNames());

    private sealed class Kit(string contracts, bool duplicate = false) : PluginConformanceTests<TestPlugin>
    {
        protected override PluginManifest Manifest => new("test-plugin", "1.0.0", "Livepeer.Conformance.Tests.dll", contracts);

        protected override IServiceProvider? BuildServiceProvider(IServiceCollection services)
        {
            if (duplicate)
            {
                services.AddSingleton<IDiscoverySource>(new StaticDiscoverySource([]));
            }

            return null;
        }
    }
}
