using Livepeer.Abstractions.Conformance;
using Microsoft.Extensions.DependencyInjection;

namespace Livepeer.Plugins.Byoc.Tests;

public sealed class ByocPluginConformanceTests : PluginConformanceTests<ByocPlugin>
{
    protected override IServiceProvider? BuildServiceProvider(IServiceCollection services) => services.BuildServiceProvider();
}
