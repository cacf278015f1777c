using System.Numerics;
using Livepeer.Abstractions.Conformance.Fakes;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>Plugins:Pm:* settings: exact whole wei, upstream defaults, every problem reported at once.</summary>
public sealed class PmOptionsTests
{
    [Fact]
    public void EmptySettingsGiveUpstreamDefaults()
    {
        var options = PmOptions.Read(InMemoryConfiguration.Empty);

        Assert.Equal(new BigInteger(8_000_000_000), options.TicketEV);
        Assert.Equal(new BigInteger(3_000_000_000_000), options.MaxTicketEV);
        Assert.Equal(new BigInteger(20_000_000_000_000), options.MaxTotalEV);
        Assert.Equal(BigInteger.One, options.DepositMultiplier);
        Assert.Equal(BigInteger.Zero, options.MaxFaceValue);
        Assert.Equal(new BigInteger(1_200_000), options.RedeemGas);
    }

    [Fact]
    public void ReadsExactIntegersBeyondALong()
    {
        var options = PmOptions.Read(new InMemoryConfiguration(new Dictionary<string, string?>
        {
            ["TicketEV"] = "123456789012345678901234567890",
            ["MaxTicketEV"] = "0",
            ["MaxTotalEV"] = " 42 ",
            ["DepositMultiplier"] = "3",
            ["MaxFaceValue"] = "1000000000000000000",
            ["RedeemGas"] = "350000",
        }));

        Assert.Equal(BigInteger.Parse("123456789012345678901234567890", System.Globalization.CultureInfo.InvariantCulture), options.TicketEV);
        Assert.Equal(BigInteger.Zero, options.MaxTicketEV);
        Assert.Equal(new BigInteger(42), options.MaxTotalEV);
        Assert.Equal(new BigInteger(3), options.DepositMultiplier);
        Assert.Equal(BigInteger.Pow(10, 18), options.MaxFaceValue);
        Assert.Equal(new BigInteger(350_000), options.RedeemGas);
    }

    [Fact]
    public void EveryBadSettingIsReportedAtOnce()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PmOptions.Read(new InMemoryConfiguration(new Dictionary<string, string?>
        {
            ["TicketEV"] = "0",
            ["MaxTicketEV"] = "-1",
            ["MaxTotalEV"] = "1e13",
            ["DepositMultiplier"] = "0",
            ["MaxFaceValue"] = "0x10",
            ["RedeemGas"] = new string('9', 100),
        })));

        foreach (var key in new[] { "TicketEV", "MaxTicketEV", "MaxTotalEV", "DepositMultiplier", "MaxFaceValue", "RedeemGas" })
        {
            Assert.Contains($"Plugins:Pm:{key} must", error.Message, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(new string('9', 60), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("+5")]
    [InlineData("5 wei")]
    [InlineData("١٢")] // Arabic-Indic digits are not ASCII
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639936")] // 2^256
    public void GarbageIsRefused(string value) =>
        Assert.Throws<InvalidOperationException>(() => PmOptions.Read(new InMemoryConfiguration(new Dictionary<string, string?> { ["TicketEV"] = value })));
}
