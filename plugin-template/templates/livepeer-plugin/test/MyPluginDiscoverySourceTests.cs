using Livepeer.Abstractions.Conformance;
using Livepeer.Abstractions.Discovery;
using Livepeer.Abstractions.Orchestrators;

namespace MyPlugin.Tests;

/// <summary>The conformance kit's discovery facts, plus the parsing of the <c>Orchestrators</c> setting.</summary>
public sealed class MyPluginDiscoverySourceTests : DiscoverySourceConformanceTests
{
    protected override ValueTask<IDiscoverySource> CreateSourceAsync(IReadOnlyList<OrchestratorCandidate> known) =>
        ValueTask.FromResult<IDiscoverySource>(new MyPluginDiscoverySource(known));

    [Fact]
    public void ParsesTheSetting()
    {
        var list = MyPluginDiscoverySource.ParseList(" https://o1.example:8935 ,o2.example:8935,, http://o3.example ");

        Assert.Equal(
            [new Uri("https://o1.example:8935"), new Uri("https://o2.example:8935"), new Uri("http://o3.example")],
            list.Select(c => c.ServiceUri));
        Assert.Empty(MyPluginDiscoverySource.ParseList(null));
    }

    [Theory]
    [InlineData("ftp://o1.example")]
    [InlineData("https://")]
    public void RefusesWhatIsNotAnOrchestrator(string setting) =>
        Assert.Throws<FormatException>(() => MyPluginDiscoverySource.ParseList(setting));
}
