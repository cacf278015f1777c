using Livepeer.Host.Configuration;

namespace Livepeer.Host.Tests.Configuration;

public sealed class OrchestratorAddressesTests
{
    [Fact]
    public void Parses_like_parseOrchAddrs()
    {
        var errors = new List<string>();
        var uris = OrchestratorAddresses.Parse(" o1.example:9000 , https://o2.example , http://o3.example:80,127.0.0.1", errors);
        Assert.Empty(errors);
        Assert.Equal(
            ["https://o1.example:9000/", "https://o2.example:8935/", "http://o3.example/", "https://127.0.0.1:8935/"],
            uris.Select(u => u.ToString()));
    }

    [Fact]
    public void Empty_is_no_orchestrators()
    {
        Assert.Empty(OrchestratorAddresses.Parse("", []));
        Assert.Empty(OrchestratorAddresses.Parse(" , ", []));
    }

    [Theory]
    [InlineData("ftp://o.example")]
    [InlineData("https://")]
    [InlineData("o.example:notaport")]
    public void Bad_entries_are_errors(string text)
    {
        var errors = new List<string>();
        OrchestratorAddresses.Parse(text, errors);
        Assert.Single(errors);
    }
}
