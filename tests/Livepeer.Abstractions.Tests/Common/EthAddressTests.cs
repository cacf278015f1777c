using Livepeer.Abstractions;
using Xunit;

namespace Livepeer.Abstractions.Tests.Common;

public sealed class EthAddressTests
{
    private const string Lower = "0x1234567890abcdef1234567890abcdef12345678";

    [Theory]
    [InlineData(Lower)]
    [InlineData("1234567890abcdef1234567890abcdef12345678")]
    [InlineData("0X1234567890ABCDEF1234567890ABCDEF12345678")]
    [InlineData("0x1234567890AbCdEf1234567890aBcDeF12345678")]
    [InlineData("  0x1234567890abcdef1234567890abcdef12345678 ")]
    public void ParsesWithOrWithoutPrefixInAnyCase(string text)
    {
        Assert.True(EthAddress.TryParse(text, out var address));
        Assert.Equal(Lower, address.ToString());
        Assert.Equal(EthAddress.Parse(Lower), address);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x")]
    [InlineData("0x1234")]
    [InlineData("0x1234567890abcdef1234567890abcdef1234567")]
    [InlineData("0x1234567890abcdef1234567890abcdef123456789")]
    [InlineData("0x1234567890abcdef1234567890abcdef1234567g")]
    [InlineData("0x0x34567890abcdef1234567890abcdef12345678")]
    public void RejectsWrongLengthAndGarbage(string? text)
    {
        Assert.False(EthAddress.TryParse(text, out var address));
        Assert.True(address.IsZero);
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => EthAddress.Parse(text));
        }
    }

    [Fact]
    public void BytesRoundTrip()
    {
        var bytes = Enumerable.Range(1, 20).Select(i => (byte)(i * 11)).ToArray();
        var address = new EthAddress(bytes);
        Assert.Equal(bytes, address.ToArray());
        Assert.Equal(address, EthAddress.Parse(address.ToString()));
        Assert.Equal(address.GetHashCode(), new EthAddress(bytes).GetHashCode());
        Assert.Throws<ArgumentException>(() => new EthAddress(new byte[19]));
    }

    [Fact]
    public void DefaultIsTheZeroAddress()
    {
        EthAddress value = default;
        Assert.True(value.IsZero);
        Assert.Equal(EthAddress.Zero, value);
        Assert.Equal(new EthAddress(new byte[20]), value);
        Assert.Equal("0x" + new string('0', 40), value.ToString());
        Assert.False(EthAddress.Parse(Lower).IsZero);
        Assert.True(EthAddress.Parse(Lower) != value);
    }
}
