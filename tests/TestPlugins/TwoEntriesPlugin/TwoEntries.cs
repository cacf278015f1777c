using Livepeer.Abstractions.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.TestPlugins.TwoEntriesPlugin;

/// <summary>The first of two entry types; the loader must refuse to guess.</summary>
public sealed class FirstEntry : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
    }
}

/// <summary>The second of two entry types.</summary>
public sealed class SecondEntry : ILivepeerPlugin
{
    /// <inheritdoc />
    public void Register(IServiceCollection services, PluginContext context)
    {
    }
}
