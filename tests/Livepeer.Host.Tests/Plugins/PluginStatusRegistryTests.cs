using Livepeer.Abstractions.Hosting;
using Livepeer.Host.Plugins;

namespace Livepeer.Host.Tests.Plugins;

public sealed class PluginStatusRegistryTests
{
    [Fact]
    public void Keeps_the_loader_order_and_finds_by_id_ignoring_case()
    {
        var owner = new PluginState("b", "1", PluginStatus.Active, null);
        var duplicate = new PluginState("b", "2", PluginStatus.Faulted, "duplicate id 'b'");
        var states = new List<PluginState> { new("a", "1", PluginStatus.Disabled, "off"), owner, duplicate };

        var registry = new PluginStatusRegistry(states);
        states.Clear();

        Assert.Equal(3, registry.States.Count);
        Assert.Same(owner, registry.Find("B"));
        Assert.Null(registry.Find("c"));
    }
}
