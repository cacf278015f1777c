using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Abstractions.Hosting;

/// <summary>
/// The entry type of a plugin: exactly one public, non-abstract class per plugin implements it and has a
/// public parameterless constructor. It only registers services; background work belongs in an
/// <c>IHostedService</c> it registers, started by the host, never in a constructor.
/// </summary>
public interface ILivepeerPlugin
{
    /// <summary>
    /// Registers the plugin's services. Read settings from <see cref="PluginContext.Configuration"/> (the
    /// plugin's own section <c>Plugins:&lt;Id&gt;</c>) only. Throwing marks the plugin Faulted (Incompatible when
    /// the exception is a type or member load failure) and none of
    /// its registrations are kept.
    /// </summary>
    void Register(IServiceCollection services, PluginContext context);
}
