using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Hosting;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Transcoding;
using Livepeer.Conformance.Tests.Discovery;
using Livepeer.Conformance.Tests.Transcoding;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Conformance.Tests.Plugins;

/// <summary>
/// A tiny plugin: a static discovery source from <c>Orchestrators:N</c> settings, and the marker transcoder.
/// The only <see cref="ILivepeerPlugin"/> in this assembly (the kit checks there is exactly one).
/// </summary>
public sealed class TestPlugin : ILivepeerPlugin
{
    public void Register(IServiceCollection services, PluginContext context)
    {
        var orchestrators = context.Configuration.GetSection("Orchestrators").GetChildren()
            .Select(s => s.Value)
            .OfType<string>()
            .Select(uri => new OrchestratorCandidate(new Uri(uri)));
        services.AddSingleton<IDiscoverySource>(new StaticDiscoverySource(orchestrators));
        services.AddSingleton<ITranscoder, MarkerTranscoder>();
    }
}
