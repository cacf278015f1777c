using System.Text.Json;
using Livepeer.Abstractions.Channels;
using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Hosting;
using Livepeer.Plugins.Trickle.Core;
using Livepeer.Plugins.Trickle.InProcess;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Trickle.Tests;

/// <summary>The conformance kit's segment-channel facts against the in-process trickle channels.</summary>
public sealed class TrickleSegmentChannelsConformanceTests : SegmentChannelsConformanceTests
{
    protected override ISegmentChannels CreateChannels() =>
        new TrickleSegmentChannels(new ChannelRegistry(new TrickleOptions(), TimeProvider.System), addresses: null);
}

/// <summary>The conformance kit's plugin facts against <see cref="TricklePlugin"/>.</summary>
public sealed class TricklePluginConformanceTests : PluginConformanceTests<TricklePlugin>
{
    protected override PluginManifest Manifest
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "plugin.json");
            using var json = JsonDocument.Parse(File.ReadAllText(path));
            var root = json.RootElement;
            return new PluginManifest(root.GetProperty("id").GetString()!, root.GetProperty("version").GetString()!, root.GetProperty("entryAssembly").GetString()!, root.GetProperty("abstractionsVersion").GetString()!);
        }
    }

    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services) => services.BuildServiceProvider();
}
