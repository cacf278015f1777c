using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Selection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.MinLS.Tests;

/// <summary>The kit's plugin facts, resolving the policy from a real container as the host does.</summary>
public sealed class MinLSPluginConformanceTests : PluginConformanceTests<MinLSPlugin>
{

    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services)
    {
        services.AddSingleton<IRandomSource>(new SeededRandomSource(1));
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    [Fact]
    public void ManifestIdIsTheFolderName() => Assert.Equal("MinLS", Manifest.Id);

    [Fact]
    public void RegistersTheMinlsPolicyOnAGateway()
    {
        using var provider = (ServiceProvider)BuildServiceProvider(Register(NodeRoles.Gateway))!;

        var policy = Assert.Single(provider.GetServices<ISelectionPolicy>());
        Assert.Equal("minls", policy.Name);
        Assert.Same(policy, provider.GetRequiredService<ISelectionPolicy>()); // a singleton
    }

    [Theory]
    [InlineData(NodeRoles.Orchestrator)]
    [InlineData(NodeRoles.Transcoder)]
    [InlineData(NodeRoles.Orchestrator | NodeRoles.Transcoder)]
    public void RegistersNothingWhereNoGatewayRuns(NodeRoles roles) => Assert.Empty(Register(roles));

    [Fact]
    public void ReadsItsSettings()
    {
        var configuration = new InMemoryConfiguration(new Dictionary<string, string?>
        {
            ["MinLatencyScore"] = "2.5",
            ["StakeWeight"] = "0.5",
            ["PriceWeight"] = "0.25",
            ["RandWeight"] = "0.25",
            ["PriceExpFactor"] = "1e3",
        });

        var options = MinLSOptions.Read(configuration);

        Assert.Equal(new MinLSOptions { MinLatencyScore = 2.5, StakeWeight = 0.5, PriceWeight = 0.25, RandWeight = 0.25, PriceExpFactor = 1000 }, options);
    }

    [Fact]
    public void EmptySettingsGiveUpstreamDefaults()
    {
        var options = MinLSOptions.Read(InMemoryConfiguration.Empty);

        Assert.Equal(1.0, options.MinLatencyScore);
        Assert.Equal((0.7, 0.0, 0.3, 100.0), (options.StakeWeight, options.PriceWeight, options.RandWeight, options.PriceExpFactor));
    }

    [Theory]
    [InlineData("0.7", "0.1", "0.3")]
    [InlineData("0.5", "0", "0.3")]
    [InlineData("0.70011", "0", "0.3")]
    public void WeightsNotSummingToOneFailRegistration(string stake, string price, string rand)
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RegisterWith(new()
        {
            ["StakeWeight"] = stake,
            ["PriceWeight"] = price,
            ["RandWeight"] = rand,
        }));

        Assert.Contains("must sum to 1", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0.70009", "0", "0.3")]
    [InlineData("0.69991", "0", "0.3")]
    [InlineData("0", "0", "1")]
    public void WeightsWithinTheToleranceAreAccepted(string stake, string price, string rand) =>
        Assert.NotEmpty(RegisterWith(new() { ["StakeWeight"] = stake, ["PriceWeight"] = price, ["RandWeight"] = rand }));

    [Fact]
    public void EveryBadSettingIsReportedAtOnce()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RegisterWith(new()
        {
            ["MinLatencyScore"] = "fast",
            ["StakeWeight"] = "-0.5",
            ["RandWeight"] = "1.5",
            ["PriceExpFactor"] = "0",
        }));

        Assert.Contains("MinLatencyScore must be a number (was 'fast')", exception.Message, StringComparison.Ordinal);
        Assert.Contains("StakeWeight must be between 0 and 1", exception.Message, StringComparison.Ordinal);
        Assert.Contains("RandWeight must be between 0 and 1", exception.Message, StringComparison.Ordinal);
        Assert.Contains("PriceExpFactor must be a finite number > 0", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    public void ThresholdMustBeAFiniteNonNegativeNumber(string value) =>
        Assert.Throws<InvalidOperationException>(() => RegisterWith(new() { ["MinLatencyScore"] = value }));

    private static IServiceCollection RegisterWith(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        var context = new PluginContext(PluginManifestFile.ReadFromTestOutput(), new InMemoryConfiguration(settings), AppContext.BaseDirectory, NodeRoles.Gateway);
        new MinLSPlugin().Register(services, context);
        return services;
    }
}
