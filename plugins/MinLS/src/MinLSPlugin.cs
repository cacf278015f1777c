using Livepeer.Abstractions;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Selection;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.MinLS;

/// <summary>
/// Registers the <c>minls</c> selection policy on a gateway. Settings come from <c>Plugins:MinLS</c> and are
/// validated here, so a bad weight makes the plugin Faulted with the reason instead of failing later.
/// </summary>
public sealed class MinLSPlugin : ILivepeerPlugin
{
    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The settings are invalid (for example weights not summing to 1).</exception>
    public void Register(IServiceCollection services, PluginContext context)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(context);
        var options = MinLSOptions.Read(context.Configuration);
        if (!context.Roles.HasFlag(NodeRoles.Gateway))
        {
            return; // only a gateway selects orchestrators
        }

        services.AddSingleton<ISelectionPolicy>(sp => new MinLSSelectionPolicy(options, sp.GetRequiredService<IRandomSource>()));
    }
}
