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

public sealed class Hash32Tests
{
    private static readonly string Lower = "0x" + string.Concat(Enumerable.Repeat("0123456789abcdef", 4));

    [Fact]
    public void ParsesWithOrWithoutPrefixInAnyCase()
    {
        foreach (var text in new[] { Lower, Lower[2..], Lower.ToUpperInvariant(), "0x" + Lower[2..].ToUpperInvariant() })
        {
            Assert.True(Hash32.TryParse(text, out var hash), text);
            Assert.Equal(Lower, hash.ToString());
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0x00")]
    [InlineData("zz")]
    public void RejectsWrongLengthAndGarbage(string? text)
    {
        Assert.False(Hash32.TryParse(text, out var hash));
        Assert.True(hash.IsZero);
        Assert.False(Hash32.TryParse(Lower + "0", out _));
        Assert.False(Hash32.TryParse(Lower[..^1] + "x", out _));
    }

    [Fact]
    public void BytesRoundTripAndDefaultIsZero()
    {
        var bytes = Enumerable.Range(0, 32).Select(i => (byte)(255 - i)).ToArray();
        var hash = new Hash32(bytes);
        Assert.Equal(bytes, hash.Span.ToArray());
        Assert.Equal(hash, Hash32.Parse(hash.ToString()));
        Assert.Throws<ArgumentException>(() => new Hash32(new byte[31]));

        Hash32 zero = default;
        Assert.True(zero.IsZero);
        Assert.Equal(new Hash32(new byte[32]), zero);
        Assert.Equal(new Hash32(new byte[32]).GetHashCode(), zero.GetHashCode());
        Assert.Equal(32, zero.Span.Length);
        Assert.True(hash != zero);
    }
}

public sealed class ContractVersionTests
{
    [Theory]
    [InlineData("1.0", true)]
    [InlineData("1.0.5", true)]
    [InlineData("1.1", false)]
    [InlineData("0.9", false)]
    [InlineData("2.0", false)]
    public void SameMajorAndNoNewerMinorIsCompatible(string version, bool compatible)
    {
        Assert.Equal(new Version(1, 0), ContractVersion.Current);
        Assert.Equal(compatible, ContractVersion.IsCompatible(Version.Parse(version)));
    }

    [Fact]
    public void NullThrows() => Assert.Throws<ArgumentNullException>(() => ContractVersion.IsCompatible(null!));
}
