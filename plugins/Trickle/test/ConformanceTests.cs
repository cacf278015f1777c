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

    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services) => services.BuildServiceProvider();
}
