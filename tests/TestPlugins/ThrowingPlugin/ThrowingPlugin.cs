using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Livepeer.TestPlugins.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.TestPlugins.ThrowingPlugin;

/// <summary>Registers a service, then throws: the loader must keep none of its registrations.</summary>
public sealed class ThrowingPlugin : ILivepeerPlugin
{
    /// <summary>The message Register throws with.</summary>
    public const string Message = "fixture-throwing refuses to register";

    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
        services.AddSingleton<IDiscoverySource>(new FixtureDiscoverySource("fixture-throwing", new Uri("https://throwing.invalid/")));
        throw new InvalidOperationException(Message);
    }
}
