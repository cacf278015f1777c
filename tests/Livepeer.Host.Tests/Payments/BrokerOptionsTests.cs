using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Host.Payments;
using Microsoft.Extensions.Configuration;

namespace Livepeer.Host.Tests.Payments;

public sealed class BrokerOptionsTests
{
    private static BrokerOptions Read(out List<string> errors, params (string Key, string Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>("Payments:Broker:" + s.Key, s.Value)))
            .Build();
        errors = [];
        return BrokerOptions.Read(configuration, errors);
    }

    [Fact]
    public void Defaults_follow_the_L1_chain()
    {
        var options = Read(out var errors);
        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromSeconds(12), options.BlockInterval);
        Assert.Equal(5760, options.RoundLength);
        Assert.Equal(1, options.PoolSize);
        Assert.Equal(BigInteger.Zero, options.GasPrice);
        Assert.Equal(350_000, options.RedeemGas);
        Assert.Equal(new SenderConfiguration(0, 0, 0), options.For(EthAddress.Parse("0x1111111111111111111111111111111111111111")));
    }

    [Fact]
    public void Senders_and_big_amounts_are_read_exactly()
    {
        var huge = ((BigInteger.One << 256) - 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var options = Read(
            out var errors,
            ("BlockInterval", "250ms"),
            ("Senders:0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F:Deposit", huge),
            ("Senders:0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F:Reserve", "5"),
            ("Senders:0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F:WithdrawRound", "7"),
            ("DefaultDeposit", "9"));
        Assert.Empty(errors);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.BlockInterval);
        Assert.Equal(new SenderConfiguration((BigInteger.One << 256) - 1, 5, 7), options.For(EthAddress.Parse("0x73aed7b5deb30222fa896f399d46cc99c7bee57f")));
        Assert.Equal(new BigInteger(9), options.DefaultSender.Deposit);
    }

    [Theory]
    [InlineData("Senders:nope:Deposit", "1")]
    [InlineData("DefaultDeposit", "-1")]
    [InlineData("DefaultReserve", "1.5")]
    [InlineData("GasPrice", "115792089237316195423570985008687907853269984665640564039457584007913129639936")]
    [InlineData("PoolSize", "0")]
    [InlineData("RoundLength", "x")]
    [InlineData("BlockInterval", "soon")]
    [InlineData("BlockInterval", "0s")]
    [InlineData("Senders:0x73AEd7b5dEb30222fa896f399d46cC99c7BEe57F:WithdrawRound", "-3")]
    public void Bad_values_are_reported(string key, string value)
    {
        Read(out var errors, (key, value));
        Assert.Single(errors);
        Assert.Contains("Payments:Broker", errors[0], StringComparison.Ordinal);
    }
}
