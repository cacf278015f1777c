using System.Numerics;
using Livepeer.Abstractions;
using Xunit;

namespace Livepeer.Abstractions.Tests.Common;

public sealed class RationalTests
{
    [Fact]
    public void ConstructorReducesAndKeepsTheSignInTheNumerator()
    {
        var r = new Rational(6, -8);
        Assert.Equal(-3, r.Numerator);
        Assert.Equal(4, r.Denominator);
        Assert.Equal(-1, r.Sign);
        Assert.Equal(new Rational(-3, 4), r);
        Assert.Equal(new Rational(3, 4), new Rational(-6, -8));
    }

    [Fact]
    public void ZeroIsNormalised()
    {
        var zero = new Rational(0, -17);
        Assert.Equal(BigInteger.One, zero.Denominator);
        Assert.Equal(Rational.Zero, zero);
        Assert.True(zero.IsZero);
        Assert.Equal(0, zero.Sign);
    }

    [Fact]
    public void DefaultIsZeroOverOne()
    {
        Rational value = default;
        Assert.True(value.IsZero);
        Assert.Equal(BigInteger.One, value.Denominator);
        Assert.Equal(Rational.Zero, value);
        Assert.Equal(new Rational(0, 5), value);
        Assert.Equal(new Rational(0, 5).GetHashCode(), value.GetHashCode());
        Assert.Equal("0", value.ToString());
    }

    [Fact]
    public void ZeroDenominatorThrows() =>
        Assert.Throws<DivideByZeroException>(() => new Rational(1, 0));

    [Theory]
    [InlineData("3", 3, 1)]
    [InlineData("-3", -3, 1)]
    [InlineData("6/8", 3, 4)]
    [InlineData("-6/8", -3, 4)]
    [InlineData(" 1/3 ", 1, 3)]
    [InlineData("0.25", 1, 4)]
    [InlineData("-1.5", -3, 2)]
    [InlineData("0.000", 0, 1)]
    [InlineData("12.50", 25, 2)]
    [InlineData("1/-2", -1, 2)]
    public void ParsesIntegersFractionsAndDecimalsExactly(string text, long numerator, long denominator)
    {
        Assert.True(Rational.TryParse(text, out var value));
        Assert.Equal(new Rational(numerator, denominator), value);
        Assert.Equal(value, Rational.Parse(text));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("abc")]
    [InlineData("1/0")]
    [InlineData("1/")]
    [InlineData("/2")]
    [InlineData("1.")]
    [InlineData("1.2.3")]
    [InlineData("1.-5")]
    [InlineData("1e5")]
    [InlineData("0x10")]
    public void RejectsGarbage(string? text)
    {
        Assert.False(Rational.TryParse(text, out var value));
        Assert.Equal(Rational.Zero, value);
        if (text is not null)
        {
            Assert.Throws<FormatException>(() => Rational.Parse(text));
        }
    }

    [Fact]
    public void ParsesHugeValuesWithoutLoss()
    {
        var text = "123456789012345678901234567890.000000000000000000001";
        var value = Rational.Parse(text);
        Assert.Equal(BigInteger.Pow(10, 21), value.Denominator);
        Assert.Equal(BigInteger.Parse("123456789012345678901234567890000000000000000000001"), value.Numerator);
    }

    [Theory]
    [InlineData(7, 2, 3, 4)]
    [InlineData(-7, 2, -4, -3)]
    [InlineData(6, 3, 2, 2)]
    [InlineData(-6, 3, -2, -2)]
    [InlineData(-1, 3, -1, 0)]
    [InlineData(1, 3, 0, 1)]
    [InlineData(0, 1, 0, 0)]
    public void FloorAndCeilingRoundTowardsInfinities(long n, long d, long floor, long ceiling)
    {
        var value = new Rational(n, d);
        Assert.Equal(floor, value.Floor());
        Assert.Equal(ceiling, value.Ceiling());
    }

    [Fact]
    public void ArithmeticIsExact()
    {
        var third = new Rational(1, 3);
        var sixth = new Rational(1, 6);

        Assert.Equal(new Rational(1, 2), third + sixth);
        Assert.Equal(sixth, third - sixth);
        Assert.Equal(new Rational(1, 18), third * sixth);
        Assert.Equal(new Rational(2, 1), third / sixth);
        Assert.Equal(new Rational(-1, 3), -third);
        Assert.Equal(Rational.One, third + third + third);
        Assert.Throws<DivideByZeroException>(() => third / Rational.Zero);
    }

    [Fact]
    public void ImplicitConversionsFromIntegers()
    {
        Rational fromLong = 5L;
        Rational fromBig = BigInteger.Pow(2, 100);
        Assert.True(fromLong.IsInteger);
        Assert.Equal(new Rational(10, 2), fromLong);
        Assert.Equal(BigInteger.Pow(2, 100), fromBig.Numerator);
    }

    [Fact]
    public void ComparisonsFollowValueNotRepresentation()
    {
        var a = new Rational(1, 3);
        var b = new Rational(2, 5);
        Assert.True(a < b);
        Assert.True(b > a);
        Assert.True(a <= new Rational(2, 6));
        Assert.True(a >= new Rational(2, 6));
        Assert.True(new Rational(-1, 2) < Rational.Zero);
        Assert.Equal(0, a.CompareTo(new Rational(3, 9)));
        Assert.True(a != b);
        Assert.True(a == new Rational(3, 9));
        Assert.Equal([new Rational(-1, 2), Rational.Zero, a, b], new[] { b, Rational.Zero, a, new Rational(-1, 2) }.Order());
    }

    [Fact]
    public void FormatsIntegersAndFractions()
    {
        Assert.Equal("5", new Rational(10, 2).ToString());
        Assert.Equal("-1/3", new Rational(1, -3).ToString());
        Assert.Equal(new Rational(-1, 3), Rational.Parse(new Rational(1, -3).ToString()));
        Assert.Equal(0.25, new Rational(1, 4).ToDouble());
    }

    [Fact]
    public void ToDoubleHandlesFractionsBeyondDoubleRange()
    {
        var max = (System.Numerics.BigInteger.One << 2000) - 1;
        Assert.Equal(0.5, new Rational(max, max * 2).ToDouble(), 10);
        Assert.Equal(double.PositiveInfinity, new Rational(max, 3).ToDouble());
        Assert.Equal(0, new Rational(3, max).ToDouble());
    }
}
