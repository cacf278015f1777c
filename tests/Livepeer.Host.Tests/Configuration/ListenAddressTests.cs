using System.Net;
using Livepeer.Host.Configuration;

namespace Livepeer.Host.Tests.Configuration;

public sealed class ListenAddressTests
{
    [Theory]
    [InlineData(null, "127.0.0.1", 9935)]
    [InlineData("", "127.0.0.1", 9935)]
    [InlineData(":7000", "127.0.0.1", 7000)]
    [InlineData("0.0.0.0", "0.0.0.0", 9935)]
    [InlineData("10.1.2.3:0", "10.1.2.3", 0)]
    [InlineData("[::1]:8080", "::1", 8080)]
    [InlineData("::1", "::1", 9935)]
    [InlineData("o.example.com:8935", "o.example.com", 8935)]
    [InlineData("https://o.example.com:9000", "o.example.com", 9000)]
    public void Completes_addresses_like_go_livepeer(string? text, string host, int port)
    {
        Assert.True(ListenAddress.TryParse(text, "127.0.0.1", 9935, out var address, out var error), error);
        Assert.Equal(new ListenAddress(host, port), address);
    }

    [Theory]
    [InlineData("host:port")]
    [InlineData("host:70000")]
    [InlineData("[::1")]
    [InlineData("h:-1")]
    public void Rejects_bad_addresses(string text)
    {
        Assert.False(ListenAddress.TryParse(text, "127.0.0.1", 9935, out _, out var error));
        Assert.NotNull(error);
    }

    [Fact]
    public void Binds_literals_loopback_for_localhost_and_any_for_names()
    {
        Assert.Equal(IPAddress.Parse("10.0.0.1"), new ListenAddress("10.0.0.1", 1).BindAddress);
        Assert.Equal(IPAddress.Loopback, new ListenAddress("localhost", 1).BindAddress);
        Assert.Equal(IPAddress.Any, new ListenAddress("o.example.com", 1).BindAddress);
        Assert.Equal("[::1]:80", new ListenAddress("::1", 80).ToString());
    }
}
