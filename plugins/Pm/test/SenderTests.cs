using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>The gateway's batches, balance and checks of the orchestrator's params (reference §4.5, §4.8).</summary>
public sealed class SenderTests
{
    [Theory]
    [InlineData("0", "1", "10", 1)]     // min credit is one EV even for a tiny fee
    [InlineData("0", "25", "10", 3)]    // ceil(25 / 10)
    [InlineData("0", "30", "10", 3)]
    [InlineData("12", "30", "10", 2)]   // ceil((30 − 12) / 10)
    [InlineData("30", "30", "10", 0)]   // covered
    [InlineData("-5", "10", "10", 2)]   // a negative balance is made good
    [InlineData("0", "30", "0", 0)]     // free tickets: nothing to send
    public void BatchCoversMaxOfFeeAndEV(string balance, string fee, string ev, int expected) =>
        Assert.Equal(new BigInteger(expected), PmPaymentSender.TicketCount(Rational.Parse(balance), Rational.Parse(fee), Rational.Parse(ev)));

    [Fact]
    public async Task BalanceIsDebitedByFeeAndCreditedByBatchEV()
    {
        var harness = new Harness();
        var info = await harness.InfoAsync();
        var ev = info.TicketParams!.ExpectedValue;
        var fee = ev * new Rational(5, 2);

        var first = await harness.PayAsync(fee, info: info);
        Assert.Equal(3, first.Tickets.Count);
        Assert.Equal(ev / 2, harness.Sender.Balance(Harness.OrchestratorAddress, "manifest"));

        var second = await harness.PayAsync(ev / 4, info: info); // EV/2 is below the one-EV minimum: one more ticket
        Assert.Single(second.Tickets);
        Assert.Equal(ev * new Rational(5, 4), harness.Sender.Balance(Harness.OrchestratorAddress, "manifest"));

        var third = await harness.Sender.CreatePaymentAsync(new PaymentRequest(info, "manifest", ev / 4), default);
        Assert.Null(third); // 5/4 EV covers max(fee, EV): only the fee is debited
        Assert.Equal(ev, harness.Sender.Balance(Harness.OrchestratorAddress, "manifest"));
    }

    [Fact]
    public async Task NoncesContinueAcrossPaymentsOnTheSameParams()
    {
        var harness = new Harness();
        var info = await harness.InfoAsync();
        var ev = info.TicketParams!.ExpectedValue;

        var a = await harness.PayAsync(ev * 2, info: info);
        var b = await harness.PayAsync(ev * 2, "another", info);

        Assert.Equal([1u, 2u], a.Tickets.Select(t => t.SenderNonce));
        Assert.Equal([3u, 4u], b.Tickets.Select(t => t.SenderNonce));
        Assert.Equal(info.TicketParams, a.TicketParams);
        Assert.Equal(Harness.GatewayAddress, a.Sender);
        Assert.Equal(Harness.Price, a.ExpectedPrice);
        Assert.Equal(info.TicketParams.ExpirationParams, a.ExpirationParams);
    }

    [Fact]
    public async Task MissingExpirationParamsAreTheSendersOwnRound()
    {
        var harness = new Harness();
        var info = await harness.InfoAsync();
        info = info with { TicketParams = info.TicketParams! with { ExpirationParams = null } };

        var payment = await harness.PayAsync(1, info: info);

        Assert.Equal(new TicketExpirationParams(7, FakeBroker.RoundHash), payment.ExpirationParams);
    }

    [Fact]
    public async Task OrchestratorWithoutParamsIsNotPaid()
    {
        var info = new OrchestratorInfo(new Uri("https://o.example")) { Price = Harness.Price };

        Assert.Null(await new Harness().Sender.CreatePaymentAsync(new PaymentRequest(info, "m", 1000), default));
    }

    [Fact]
    public async Task NegativeFeeIsRefused()
    {
        var harness = new Harness();
        var info = await harness.InfoAsync();

        await Assert.ThrowsAsync<PaymentException>(async () => await harness.Sender.CreatePaymentAsync(new PaymentRequest(info, "m", -1), default));
    }

    [Fact]
    public async Task MoreThan600TicketsAreRefused()
    {
        var harness = new Harness();
        var info = await harness.InfoAsync();

        var error = await Assert.ThrowsAsync<PaymentException>(async () =>
            await harness.Sender.CreatePaymentAsync(new PaymentRequest(info, "m", info.TicketParams!.ExpectedValue * 601), default));

        Assert.StartsWith("601 tickets needed", error.Message, StringComparison.Ordinal);
        Assert.Equal(Rational.Zero, harness.Sender.Balance(Harness.OrchestratorAddress, "m"));
    }

    public static TheoryData<string, string> Refusals => new()
    {
        { "expired", "TicketParams expired" },
        { "expiresNextBlock", "TicketParams expired" },
        { "noExpiration", "TicketParams expired" },
        { "faceValueAtEV", "ticket faceValue too low faceValue=8000000000" },
        { "maxTicketEV", "ticket EV 8000000000.00000 > max ticket EV 7999999999.00000" },
        { "unlocking", "deposit and reserve is set to unlock soon" },
        { "noReserve", "no sender reserve" },
        { "noDeposit", "no sender deposit" },
        { "maxTotalEV", "total ticket EV 16000000000.00000 for 2 tickets > max total ticket EV 15999999999.00000" },
        { "depositMultiplier", "ticket faceValue 800000000000 > max faceValue 500000000000" },
        { "maxFaceValue", "ticket faceValue 800000000000 > max faceValue 799999999999" },
        { "huge", "invalid ticket params: an integer is not a uint256" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task UnacceptableParamsAreRefusedWithUpstreamsWords(string problem, string error)
    {
        var options = problem switch
        {
            "maxTicketEV" => PmOptions.Default with { MaxTicketEV = 7_999_999_999 },
            "maxTotalEV" => PmOptions.Default with { MaxTotalEV = 15_999_999_999 },
            "depositMultiplier" => PmOptions.Default with { DepositMultiplier = 2 },
            _ => PmOptions.Default,
        };
        var harness = problem == "maxFaceValue" // the gateway's own cap; the orchestrator has none
            ? new Harness(options, PmOptions.Default with { MaxFaceValue = 799_999_999_999 })
            : new Harness(options);
        if (problem == "faceValueAtEV")
        {
            harness.EveryTicketWins();
        }

        var info = await harness.InfoAsync();
        var p = info.TicketParams!;
        switch (problem)
        {
            case "expired": harness.Broker.AdvanceTo(p.ExpirationBlock); break;
            case "expiresNextBlock": harness.Broker.AdvanceTo(p.ExpirationBlock - 1); break;
            case "noExpiration": p = p with { ExpirationBlock = 0 }; break;
            case "unlocking": harness.Broker.Funds = harness.Broker.Funds with { WithdrawRound = 8 }; break;
            case "noReserve": harness.Broker.Funds = harness.Broker.Funds with { ReserveFundsRemaining = 0 }; break;
            case "noDeposit": harness.Broker.Funds = harness.Broker.Funds with { Deposit = 0 }; break;
            case "depositMultiplier": harness.Broker.Funds = harness.Broker.Funds with { Deposit = 1_000_000_000_000 }; break;
            case "huge": p = p with { FaceValue = BigInteger.One << 256 }; break;
        }

        var request = new PaymentRequest(info with { TicketParams = p }, "m", p.ExpectedValue * (problem == "maxTotalEV" ? 2 : 1));
        var exception = await Assert.ThrowsAsync<PaymentException>(async () => await harness.Sender.CreatePaymentAsync(request, default));

        Assert.Equal(error, exception.Message);
        Assert.Equal(Rational.Zero, harness.Sender.Balance(Harness.OrchestratorAddress, "m"));
    }

    [Fact]
    public async Task WithdrawRoundBeyondNextRoundIsFine()
    {
        var harness = new Harness();
        harness.Broker.Funds = harness.Broker.Funds with { WithdrawRound = 9 };

        Assert.NotNull(await harness.PayAsync(1));
    }

    [Theory]
    [InlineData("8000000000", "8000000000.00000")]
    [InlineData("1/3", "0.33333")]
    [InlineData("2/3", "0.66667")]
    [InlineData("1/200000", "0.00001")]   // half rounds away from zero, as go's FloatString
    [InlineData("-1/200000", "-0.00001")]
    [InlineData("0", "0.00000")]
    public void FloatStringHasFiveDecimals(string value, string expected) =>
        Assert.Equal(expected, TicketParamsRules.Fixed5(Rational.Parse(value)));

    [Fact]
    public async Task ExpiredSessionsAreDropped()
    {
        var harness = new Harness();
        await harness.PayAsync(1);
        Assert.Equal(1, harness.Sender.Sessions.Count);

        harness.Broker.AdvanceTo(1040);
        await harness.PayAsync(harness.Options.TicketEV * 2, "m2");

        Assert.Equal(1, harness.Sender.Sessions.Count);
    }
}
