using Livepeer.Abstractions.Conformance.Fakes;
using Xunit;

namespace Livepeer.Conformance.Tests.Fakes;

public sealed class InMemoryConfigurationTests
{
    [Fact]
    public void SectionsAndChildrenFollowColonPaths()
    {
        var config = new InMemoryConfiguration(new Dictionary<string, string?>
        {
            ["Listen"] = "127.0.0.1:0",
            ["Orchestrators:0"] = "https://a",
            ["Orchestrators:1"] = "https://b",
            ["Limits:Max"] = "5",
        });

        Assert.Equal("127.0.0.1:0", config["listen"]);
        Assert.Equal("5", config.GetSection("Limits")["Max"]);
        Assert.Equal(["https://a", "https://b"], config.GetSection("Orchestrators").GetChildren().Select(c => c.Value));
        Assert.Equal(["Limits", "Listen", "Orchestrators"], config.GetChildren().Select(c => c.Key));
        Assert.Null(config.GetSection("Missing").Value);
        Assert.Empty(InMemoryConfiguration.Empty.GetChildren());
    }
}
