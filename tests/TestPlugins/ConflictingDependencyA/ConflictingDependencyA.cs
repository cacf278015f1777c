using Fixture.Dependency;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Livepeer.TestPlugins.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.TestPlugins.ConflictingDependencyA;

/// <summary>
/// Registers the discovery source "fixture-conflicting-a", whose orchestrator host names the version of
/// Fixture.Dependency this plugin sees, e.g. <c>https://v1.0.0.0.dependency.invalid/</c>.
/// </summary>
public sealed class ConflictingDependencyA : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IDiscoverySource>(
            new FixtureDiscoverySource("fixture-conflicting-a", new Uri($"https://v{DependencyInfo.Version}.dependency.invalid/")));
}
