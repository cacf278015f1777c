using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Livepeer.TestPlugins.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.TestPlugins.OwnAbstractionsCopyPlugin;

/// <summary>Ships Livepeer.Abstractions.dll in its folder; the loader must still hand it the host's copy.</summary>
public sealed class OwnAbstractionsCopyPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context) =>
        services.AddSingleton<IDiscoverySource>(new FixtureDiscoverySource("fixture-own-copy", new Uri("https://own-copy.invalid/")));
}
