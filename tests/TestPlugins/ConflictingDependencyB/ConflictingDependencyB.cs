using Fixture.Dependency;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Livepeer.TestPlugins.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.TestPlugins.ConflictingDependencyB;

/// <summary>
/// Registers the discovery source "fixture-conflicting-b", whose orchestrator host names the version of
/// Fixture.Dependency this plugin sees, e.g. <c>https://v2.0.0.0.dependency.invalid/</c>.
/// </summary>
public sealed class ConflictingDependencyB : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IDiscoverySource>(
            new FixtureDiscoverySource("fixture-conflicting-b", new Uri($"https://v{DependencyInfo.Version}.dependency.invalid/")));
}
