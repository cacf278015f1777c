using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Xunit;

namespace Livepeer.Abstractions.Tests.Orchestrators;

public sealed class PriceTests
{
    [Theory]
    [InlineData(-1, 1)]
    [InlineData(1, 0)]
    [InlineData(1, -5)]
    public void InvalidPricesAreRefused(long pricePerUnit, long pixelsPerUnit) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Price(pricePerUnit, pixelsPerUnit));

    [Fact]
    public void PerUnitIsTheExactRatio()
    {
        var price = new Price(1200, 1_000_000);
        Assert.Equal(new Rational(3, 2500), price.PerUnit);
        Assert.False(price.IsFree);
        Assert.True(Price.Free.IsFree);
        Assert.Equal(Rational.Zero, Price.Free.PerUnit);
        Assert.Equal(new Price(0, 7).PerUnit, Price.Free.PerUnit);
    }

    [Fact]
    public void CostOfIsExact()
    {
        var price = new Price(1, 3);
        Assert.Equal(new Rational(10, 3), price.CostOf(10));
        Assert.Equal(Rational.One, price.CostOf(3));
        Assert.Equal(new Rational(1, 6), price.CostOf(new Rational(1, 2)));
        Assert.Equal(Rational.Zero, Price.Free.CostOf(1_000_000_000));
    }

    [Fact]
    public void EqualityIsByValue()
    {
        Assert.Equal(new Price(3, 2), new Price(3, 2));
        Assert.NotEqual(new Price(3, 2), new Price(6, 4));
    }
}
