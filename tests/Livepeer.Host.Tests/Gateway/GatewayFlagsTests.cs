using Livepeer.Abstractions;
using Livepeer.Host.Configuration;
using Livepeer.Host.Gateway;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Host.Tests.Gateway;

/// <summary>-discoveryTimeout, -maxPricePerUnit and -orchBlocklist reach the pool's options.</summary>
public sealed class GatewayFlagsTests
{
    private static (NodeOptions Options, List<string> Errors) Read(params string[] args)
    {
        var line = CommandLine.Parse(args);
        var errors = new List<string>(line.Errors);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(line.Settings).Build();
        return (NodeOptions.Read(configuration, errors), errors);
    }

    [Fact]
    public void Defaults_are_upstream_s()
    {
        var (options, errors) = Read("-gateway");
        Assert.Empty(errors);
        var pool = OrchestratorPoolOptions.From(options);
        Assert.Equal(TimeSpan.FromMilliseconds(500), pool.DiscoveryTimeout);
        Assert.Equal(TimeSpan.FromSeconds(6), pool.Cutoff);
        Assert.Null(pool.MaxPricePerUnit);
        Assert.Empty(pool.Blocklist);
    }

    [Theory]
    [InlineData("500ms", 500)]
    [InlineData("1.5s", 1500)]
    [InlineData("1m30s", 90_000)]
    [InlineData("250000us", 250)]
    public void Discovery_timeouts_take_go_durations(string text, int milliseconds)
    {
        var (options, errors) = Read("-gateway", "-discoveryTimeout", text);
        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), options.DiscoveryTimeout);
    }

    [Theory]
    [InlineData("-discoveryTimeout", "500")]
    [InlineData("-discoveryTimeout", "0s")]
    [InlineData("-discoveryTimeout", "fast")]
    [InlineData("-maxPricePerUnit", "-1")]
    [InlineData("-orchBlocklist", "0x12,nothex")]
    public void Bad_values_are_start_up_errors(string flag, string value)
    {
        var (_, errors) = Read("-gateway", flag, value);
        Assert.NotEmpty(errors);
    }

    [Fact]
    public void The_maximum_price_is_per_pixelsPerUnit_and_the_blocklist_takes_any_spelling()
    {
        var (options, errors) = Read("-gateway", "-maxPricePerUnit", "1000", "-pixelsPerUnit", "3", "-orchBlocklist", "0x00000000000000000000000000000000000000AA, 00000000000000000000000000000000000000bb");
        Assert.Empty(errors);
        var pool = OrchestratorPoolOptions.From(options);
        Assert.Equal(new Rational(1000, 3), pool.MaxPricePerUnit);
        Assert.Contains(EthAddress.Parse("0x00000000000000000000000000000000000000aa"), pool.Blocklist);
        Assert.Equal(2, pool.Blocklist.Count);
    }
}
