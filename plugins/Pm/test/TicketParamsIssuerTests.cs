using System.Numerics;
using System.Security.Cryptography;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>The orchestrator's ticket params (reference §4.4), against values computed here by hand.</summary>
public sealed class TicketParamsIssuerTests
{
    private static readonly BigInteger Max = TicketParams.MaxWinProbability;

    [Fact]
    public async Task ParamsAreDerivedAsUpstreamDoes()
    {
        var harness = new Harness();
        harness.Broker.Chain = harness.Broker.Chain with { GasPrice = 0 };
        harness.MaxFloat.Value = BigInteger.Pow(10, 18);

        var p = await harness.ParamsAsync(new Price(1200, 4)); // reduced to 300/1 in the HMAC

        var ev = PmOptions.Default.TicketEV;
        var faceValue = ev * 100; // no gas price: 100 EVs
        Assert.Equal(OrchestratorAddress, p.Recipient);
        Assert.Equal(faceValue, p.FaceValue);
        Assert.Equal(ev * ((Max / faceValue) + 1), p.WinProbability);
        Assert.Equal(new BigInteger(1040), p.ExpirationBlock);
        Assert.Equal(new TicketExpirationParams(7, FakeBroker.RoundHash), p.ExpirationParams);

        var message = new List<byte>();
        message.AddRange(p.Seed.ToByteArray(isUnsigned: true, isBigEndian: true));
        message.AddRange(Harness.GatewayAddress.ToArray());
        message.AddRange(Convert.FromHexString("BA43B74000")); // 800_000_000_000
        message.AddRange(p.WinProbability.ToByteArray(isUnsigned: true, isBigEndian: true));
        message.AddRange(new byte[] { 0x04, 0x10 }); // 1040
        message.AddRange(new byte[] { 0x01, 0x2C }); // 300
        message.AddRange(new byte[] { 0x01 }); // 1
        message.AddRange(new byte[31]);
        message.Add(7);
        message.AddRange(FakeBroker.RoundHash.Span.ToArray());
        var rand = HMACSHA256.HashData(Harness.Secret, message.ToArray());
        Assert.Equal(Keccak256.Hash(rand), p.RecipientRandHash); // already 32 bytes: no padding
        Assert.Equal(800_000_000_000, (long)faceValue);
    }

    [Fact]
    public async Task FreePriceGivesZeroFaceValueAndProbability()
    {
        var p = await new Harness().ParamsAsync(Price.Free);

        Assert.Equal(BigInteger.Zero, p.FaceValue);
        Assert.Equal(BigInteger.Zero, p.WinProbability);
        Assert.Equal(Rational.Zero, p.ExpectedValue);
    }

    [Fact]
    public async Task SeedsDifferAndEachParamsHashIsUnique()
    {
        var harness = new Harness();

        var first = await harness.ParamsAsync();
        var second = await harness.ParamsAsync();

        Assert.NotEqual(first.Seed, second.Seed);
        Assert.NotEqual(first.RecipientRandHash, second.RecipientRandHash);
    }

    [Theory]
    [InlineData("0", "800000000000")]              // no gas price: 100 × EV
    [InlineData("1", "800000000000")]              // 100 × 1.2M gas × 1 wei = 1.2e8 < EV → 100 × EV
    [InlineData("100000", "12000000000000")]       // 100 × 1.2M × 1e5 wei
    public void FaceValueFollowsGasPrice(string gasPrice, string expected)
    {
        var issuer = new TicketParamsIssuer(PmOptions.Default, new RecipientRandSecret(Harness.Secret));

        Assert.Equal(Harness.Wei(expected), issuer.FaceValue(BigInteger.Pow(10, 20), Harness.Wei(gasPrice)));
    }

    [Fact]
    public void FaceValueIsCappedByMaxFloatAndMaxFaceValue()
    {
        var issuer = new TicketParamsIssuer(PmOptions.Default with { MaxFaceValue = 90_000_000_000 }, new RecipientRandSecret(Harness.Secret));

        Assert.Equal(new BigInteger(50_000_000_000), issuer.FaceValue(50_000_000_000, 0));
        Assert.Equal(new BigInteger(90_000_000_000), issuer.FaceValue(BigInteger.Pow(10, 20), 0));
    }

    [Fact]
    public void MaxFloatBelowOneEVIsInsufficientReserve()
    {
        var issuer = new TicketParamsIssuer(PmOptions.Default, new RecipientRandSecret(Harness.Secret));

        var error = Assert.Throws<PaymentException>(() => issuer.FaceValue(7_999_999_999, 0));
        Assert.Equal("insufficient sender reserve", error.Message);
    }

    [Fact]
    public void FaceValueBelowBothTxCostsIsInsufficientReserve()
    {
        // gas 1e6 wei: txCost 1.2e12, floor at 3 gwei 3.6e15; a max float of 1e12 is under both.
        var issuer = new TicketParamsIssuer(PmOptions.Default, new RecipientRandSecret(Harness.Secret));

        Assert.Throws<PaymentException>(() => issuer.FaceValue(1_000_000_000_000, 1_000_000));
        Assert.Equal(new BigInteger(800_000_000_000), issuer.FaceValue(1_000_000_000_000, 1)); // 100 EVs, under the max float
    }

    [Fact]
    public void WinProbabilityRoundsUpAndIsCertainAtOneEV()
    {
        var issuer = new TicketParamsIssuer(PmOptions.Default with { TicketEV = 10 }, new RecipientRandSecret(Harness.Secret));

        Assert.Equal(BigInteger.Zero, issuer.WinProbability(0));
        Assert.Equal(Max, issuer.WinProbability(10));
        Assert.Equal(10 * ((Max / 1000) + 1), issuer.WinProbability(1000)); // 2^256−1 is not a multiple of 1000
        Assert.Equal(10 * (Max / 5), issuer.WinProbability(5)); // 2^256−1 is a multiple of 5 (2^4 ≡ 1 mod 5)
    }

    [Fact]
    public void ZeroRoundHashFallsBackToThePreviousRound()
    {
        var previous = Hash32.Parse("0x" + new string('a', 64));
        var chain = new ChainState(100, 9, Hash32.Zero, previous, 1, 0);

        Assert.Equal(new TicketExpirationParams(8, previous), TicketParamsIssuer.ExpirationParams(chain));
        Assert.Equal(new TicketExpirationParams(0, Hash32.Zero), TicketParamsIssuer.ExpirationParams(chain with { LastInitializedRound = 0 }));
    }

    private static EthAddress OrchestratorAddress => Harness.OrchestratorAddress;
}
