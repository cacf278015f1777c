using Livepeer.Abstractions;
using Xunit;

namespace Livepeer.Abstractions.Tests.Common;

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
