using Livepeer.Abstractions;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Conformance.Fakes;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.WebhookDiscovery.Tests;

/// <summary>The kit's plugin facts with a webhook configured, resolving the source from a real container as the host does.</summary>
public sealed class WebhookDiscoveryPluginConformanceTests : PluginConformanceTests<WebhookDiscoveryPlugin>
{

    // Never contacted: registering and resolving the source makes no request.
    protected override IConfiguration Configuration => Settings(new() { ["Url"] = "http://127.0.0.1:9/orchestrators" });

    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services) => Provider(services);

    [Fact]
    public void ManifestIdIsTheFolderName() => Assert.Equal("WebhookDiscovery", Manifest.Id);

    [Fact]
    public void RegistersTheWebhookSourceOnAGateway()
    {
        using var provider = Provider(Register(NodeRoles.Gateway));

        var source = Assert.Single(provider.GetServices<IDiscoverySource>());
        Assert.Equal(DiscoverySourceNames.Webhook, source.Name);
        Assert.Same(source, provider.GetRequiredService<IDiscoverySource>());
    }

    [Fact]
    public void WithoutAUrlNothingIsRegisteredAndNothingThrows()
    {
        foreach (var role in Enum.GetValues<NodeRoles>())
        {
            Assert.Empty(RegisterWith([], role));
        }
    }

    [Theory]
    [InlineData(NodeRoles.Orchestrator)]
    [InlineData(NodeRoles.Transcoder)]
    public void RegistersNothingWhereNoGatewayRuns(NodeRoles roles) => Assert.Empty(Register(roles));

    [Fact]
    public void ReadsItsSettings()
    {
        var options = WebhookDiscoveryOptions.Read(Settings(new()
        {
            ["Url"] = "https://hooks.example/orchs?token=x",
            ["Headers:Authorization"] = "Bearer abc",
            ["Headers:X-Region"] = "eu",
            ["RefreshInterval"] = "30s",
            ["Timeout"] = "00:00:01.5",
            ["MaxResponseBytes"] = "4096",
            ["MaxEntries"] = "50",
        }));

        Assert.Equal(new Uri("https://hooks.example/orchs?token=x"), options.Url);
        Assert.Equal([new("Authorization", "Bearer abc"), new("X-Region", "eu")], options.Headers);
        Assert.Equal(TimeSpan.FromSeconds(30), options.RefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(1.5), options.Timeout);
        Assert.Equal((4096, 50), (options.MaxResponseBytes, options.MaxEntries));
    }

    [Fact]
    public void EmptySettingsGiveUpstreamDefaults()
    {
        var options = WebhookDiscoveryOptions.Read(InMemoryConfiguration.Empty);

        Assert.Null(options.Url);
        Assert.Empty(options.Headers);
        Assert.Equal(TimeSpan.FromMinutes(1), options.RefreshInterval);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Timeout);
        Assert.Equal((1024 * 1024, 10_000), (options.MaxResponseBytes, options.MaxEntries));
    }

    [Fact]
    public void EveryBadSettingIsReportedAtOnce()
    {
        var exception = Assert.Throws<InvalidOperationException>(() => RegisterWith(new()
        {
            ["Url"] = "ftp://hooks.example/list",
            ["Headers:Bad Name"] = "x",
            ["Headers:Content-Type"] = "application/json",
            ["RefreshInterval"] = "soon",
            ["Timeout"] = "0s",
            ["MaxResponseBytes"] = "-1",
            ["MaxEntries"] = "many",
        }, NodeRoles.Gateway));

        foreach (var expected in new[] { "Url must be an absolute http(s) URL", "Headers:Bad Name", "Headers:Content-Type", "RefreshInterval", "Timeout", "MaxResponseBytes", "MaxEntries" })
        {
            Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("/relative/path")]
    [InlineData("not a url")]
    [InlineData("file:///etc/passwd")]
    public void UrlMustBeAbsoluteHttp(string url) =>
        Assert.Throws<InvalidOperationException>(() => RegisterWith(new() { ["Url"] = url }, NodeRoles.Gateway));

    private static InMemoryConfiguration Settings(Dictionary<string, string?> values) => new(values);

    private static ServiceProvider Provider(IServiceCollection services)
    {
        services.AddSingleton(TimeProvider.System);
        services.AddLogging();
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static IServiceCollection RegisterWith(Dictionary<string, string?> settings, NodeRoles roles)
    {
        var services = new ServiceCollection();
        new WebhookDiscoveryPlugin().Register(services, new PluginContext(PluginManifestFile.ReadFromTestOutput(), Settings(settings), AppContext.BaseDirectory, roles));
        return services;
    }
}
