using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Livepeer.TestPlugins.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.TestPlugins.WrongAbstractionsPlugin;

/// <summary>Would work, but its manifest claims contracts 2.0, so the loader must not even load it.</summary>
public sealed class WrongAbstractionsPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IDiscoverySource>(new FixtureDiscoverySource("fixture-wrong-abstractions", new Uri("https://wrong.invalid/")));
}
