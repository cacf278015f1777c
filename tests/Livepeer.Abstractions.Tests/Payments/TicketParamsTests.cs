using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Payments;
using Xunit;

namespace Livepeer.Abstractions.Tests.Payments;

public sealed class TicketParamsTests
{
    private static readonly BigInteger Wei18 = BigInteger.Pow(10, 18);

    private static TicketParams WithOdds(BigInteger faceValue, BigInteger winProbability) =>
        new(EthAddress.Zero, faceValue, winProbability, Hash32.Zero, BigInteger.One, 100);

    [Fact]
    public void MaxWinProbabilityIs2To256Minus1() =>
        Assert.Equal(BigInteger.Parse("115792089237316195423570985008687907853269984665640564039457584007913129639935"), TicketParams.MaxWinProbability);

    [Fact]
    public void AlwaysWinningTicketIsWorthItsFaceValue() =>
        Assert.Equal((Rational)Wei18, WithOdds(Wei18, TicketParams.MaxWinProbability).ExpectedValue);

    [Fact]
    public void HalfOddsAreExactlyRepresented()
    {
        // max/2 rounds down (max is odd), so the EV is a hair under half the face value, and exact.
        var half = TicketParams.MaxWinProbability / 2;
        var ev = WithOdds(Wei18, half).ExpectedValue;

        Assert.Equal(new Rational(Wei18 * half, TicketParams.MaxWinProbability), ev);
        Assert.True(ev < new Rational(Wei18, 2));
        Assert.True(ev > new Rational(Wei18, 2) - Rational.One);
        Assert.Equal(Wei18 / 2 - 1, ev.Floor());
    }

    [Fact]
    public void ZeroOddsOrZeroFaceValueAreWorthNothing()
    {
        Assert.Equal(Rational.Zero, WithOdds(Wei18, BigInteger.Zero).ExpectedValue);
        Assert.Equal(Rational.Zero, WithOdds(BigInteger.Zero, TicketParams.MaxWinProbability).ExpectedValue);
    }

    [Fact]
    public void UpstreamStyleOddsGiveTheExpectedEv()
    {
        // faceValue 1000 wei, winProb = max / 1000 (floor): EV is just under 1 wei.
        var ev = WithOdds(1000, TicketParams.MaxWinProbability / 1000).ExpectedValue;
        Assert.True(ev < Rational.One);
        Assert.Equal(BigInteger.One, ev.Ceiling());
    }
}
