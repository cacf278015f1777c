using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Livepeer.TestPlugins.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.TestPlugins.GoodPlugin;

/// <summary>
/// Registers the discovery source "fixture-good" for the orchestrator in its setting <c>OrchestratorUri</c>,
/// and the <see cref="PluginContext"/> it was given, so tests can see what the host passed.
/// </summary>
public sealed class GoodPlugin : ILivepeerPlugin
{
    /// <summary>Used when the setting is absent.</summary>
    public const string DefaultOrchestratorUri = "https://orchestrator.invalid:8935/";

    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var orchestrator = new Uri(context.Configuration["OrchestratorUri"] ?? DefaultOrchestratorUri);
        services.AddSingleton<IDiscoverySource>(new FixtureDiscoverySource("fixture-good", orchestrator));
        services.AddSingleton(context);
    }
}
