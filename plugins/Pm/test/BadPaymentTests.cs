using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>The "security and bad input" list: each refused with upstream's words and nothing credited.</summary>
public sealed class BadPaymentTests
{
    private static readonly string Checksummed = "0x2c7536E3605D9C16a7a3D7b1898e529396a65c23";

    [Fact]
    public async Task ForgedSignatureIsRefused()
    {
        var harness = new Harness();
        var p = await harness.ParamsAsync();
        var payment = Harness.HandPayment(p) with
        {
            Tickets = [Harness.Sign(TestKeys.Mallory, p, p.ExpirationParams!, Harness.GatewayAddress, 1)],
        };

        await AssertRefused(harness, payment, "invalid ticket signature");
    }

    [Theory]
    [InlineData(0)]   // r
    [InlineData(40)]  // s
    [InlineData(64)]  // v
    public async Task TamperedSignatureIsRefused(int index)
    {
        var harness = new Harness();
        var payment = Harness.HandPayment(await harness.ParamsAsync(), 1);
        var signature = payment.Tickets[0].Signature.ToArray();
        signature[index] ^= 0x01;

        await AssertRefused(harness, payment with { Tickets = [new TicketSenderParams(1, [.. signature])] }, "invalid ticket signature");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(64)]
    [InlineData(66)]
    [InlineData(4096)]
    public async Task SignatureOfWrongLengthIsRefused(int length)
    {
        var harness = new Harness();
        var payment = Harness.HandPayment(await harness.ParamsAsync()) with { Tickets = [new TicketSenderParams(1, [.. new byte[length]])] };

        await AssertRefused(harness, payment, "invalid ticket signature");
    }

    [Fact]
    public async Task TicketForAnotherRecipientIsRefused()
    {
        var harness = new Harness();
        var p = await harness.ParamsAsync() with { Recipient = TestKeys.Mallory.Address };

        await AssertRefused(harness, Harness.HandPayment(p, 1), "invalid ticket recipient");
    }

    [Fact]
    public async Task ZeroSenderIsRefused()
    {
        var harness = new Harness();
        var payment = Harness.HandPayment(await harness.ParamsAsync(), 1) with { Sender = EthAddress.Zero };

        await AssertRefused(harness, payment, "Could not find Sender for payment");
    }

    [Fact]
    public void ZeroTicketSenderFailsTicketValidation() =>
        Assert.Equal("invalid ticket sender", TicketValidator.ValidateParams(Harness.OrchestratorAddress, Harness.OrchestratorAddress, EthAddress.Zero, Hash32.Zero, 1));

    public static TheoryData<string> Alterations => ["faceValue", "winProb", "seed", "expirationBlock", "price", "round", "sender"];

    [Theory]
    [MemberData(nameof(Alterations))]
    public async Task AlteredParamsDoNotMatchTheRecipientRand(string field)
    {
        var harness = new Harness();
        var p = await harness.ParamsAsync();
        var expiration = p.ExpirationParams!;
        var sender = Harness.GatewayAddress;
        var account = TestKeys.Gateway;
        var price = Harness.Price;
        switch (field)
        {
            case "faceValue": p = p with { FaceValue = p.FaceValue * 2 }; break;
            case "winProb": p = p with { WinProbability = p.WinProbability * 2 }; break;
            case "seed": p = p with { Seed = p.Seed + 1 }; break;
            case "expirationBlock": p = p with { ExpirationBlock = p.ExpirationBlock + 100 }; break;
            case "price": price = new Price(1, 1); break;
            case "round": expiration = expiration with { CreationRound = expiration.CreationRound + 1 }; break;
            default: (sender, account) = (TestKeys.Mallory.Address, TestKeys.Mallory); break; // params issued to someone else
        }

        var payment = new Payment(sender, price)
        {
            TicketParams = p,
            ExpirationParams = expiration,
            Tickets = [Harness.Sign(account, p, expiration, sender, 1)],
        };

        await AssertRefused(harness, payment, "invalid recipientRand for ticket recipientRandHash", sender);
    }

    [Fact]
    public async Task ReplayedNonceIsRefused()
    {
        var harness = new Harness();
        var payment = await harness.PayAsync(1);
        Assert.True((await harness.ReceiveAsync(payment)).Accepted);
        var balance = await harness.Receiver.GetBalanceAsync(Harness.GatewayAddress, "manifest", default);

        var replay = await harness.ReceiveAsync(payment);

        Assert.Equal($"invalid ticket senderNonce: already seen sender={Checksummed} nonce=1", replay.Error);
        Assert.Equal(Rational.Zero, replay.Credited);
        Assert.Equal(balance, await harness.Receiver.GetBalanceAsync(Harness.GatewayAddress, "manifest", default));
    }

    [Fact]
    public async Task DuplicateNonceWithinOnePaymentIsCreditedOnce()
    {
        var harness = new Harness();
        var p = await harness.ParamsAsync();

        var receipt = await harness.ReceiveAsync(Harness.HandPayment(p, 5, 5, 6));

        Assert.Equal($"invalid ticket senderNonce: already seen sender={Checksummed} nonce=5", receipt.Error);
        Assert.Equal(1, receipt.TicketsAccepted); // sticky: the 6 after the error is not credited either
        Assert.Equal(p.ExpectedValue, receipt.Credited);
    }

    [Fact]
    public async Task ExpiredParamsAreNotCreditedButAWinnerIsStillQueued()
    {
        var harness = new Harness();
        harness.EveryTicketWins();
        var p = await harness.ParamsAsync();
        harness.Broker.AdvanceTo(p.ExpirationBlock);

        var receipt = await harness.ReceiveAsync(Harness.HandPayment(p, 1));

        Assert.Equal("TicketParams expired", receipt.Error);
        Assert.Equal(Rational.Zero, receipt.Credited);
        Assert.Equal(1, receipt.WinningTickets);
        Assert.Single(harness.Queue.Tickets);
    }

    [Fact]
    public async Task SenderUnlockingSoonIsFatal()
    {
        var harness = new Harness();
        var p = await harness.ParamsAsync();
        harness.Broker.Funds = harness.Broker.Funds with { WithdrawRound = 8 }; // round 7 + 1

        await AssertRefused(harness, Harness.HandPayment(p, 1, 2), $"deposit and reserve for sender {Checksummed} is set to unlock soon");
    }

    [Fact]
    public async Task FirstErrorIsStickyButLaterWinnersAreStillQueued()
    {
        var harness = new Harness();
        harness.EveryTicketWins();
        var p = await harness.ParamsAsync();
        var payment = Harness.HandPayment(p, 1, 2, 3);
        var forged = Harness.Sign(TestKeys.Mallory, p, p.ExpirationParams!, Harness.GatewayAddress, 2);
        payment = payment with { Tickets = [payment.Tickets[0], forged, payment.Tickets[2]] };

        var receipt = await harness.ReceiveAsync(payment);

        Assert.Equal("invalid ticket signature", receipt.Error);
        Assert.Equal(1, receipt.TicketsAccepted);
        Assert.Equal(p.ExpectedValue, receipt.Credited);
        Assert.Equal([1u, 3u], harness.Queue.Tickets.Select(w => w.Ticket.SenderNonce));
    }

    public static TheoryData<string> HugeOrNegative => ["faceValue+", "faceValue-", "winProb+", "winProb-", "seed+", "seed-", "expirationBlock+", "expirationBlock-"];

    [Theory]
    [MemberData(nameof(HugeOrNegative))]
    public async Task IntegersOutsideUInt256AreRefused(string field)
    {
        var harness = new Harness();
        var p = await harness.ParamsAsync();
        var signed = Harness.HandPayment(p, 1).Tickets;
        var value = field.EndsWith('+') ? BigInteger.One << 300 : BigInteger.MinusOne;
        p = field.TrimEnd('+', '-') switch
        {
            "faceValue" => p with { FaceValue = value },
            "winProb" => p with { WinProbability = value },
            "seed" => p with { Seed = value },
            _ => p with { ExpirationBlock = value },
        };

        await AssertRefused(harness, Harness.HandPayment(p) with { Tickets = signed }, $"invalid ticket params: {field.TrimEnd('+', '-')} is not a uint256");
    }

    [Fact]
    public async Task NegativeCreationRoundIsRefused()
    {
        var harness = new Harness();
        var p = await harness.ParamsAsync();
        var payment = Harness.HandPayment(p, 1) with { ExpirationParams = new TicketExpirationParams(-1, FakeBroker.RoundHash) };

        await AssertRefused(harness, payment, "invalid ticket expiration params: creation round -1 is negative");
    }

    [Fact]
    public async Task MissingExpirationParamsAreRefused()
    {
        var harness = new Harness();
        var payment = Harness.HandPayment(await harness.ParamsAsync(), 1) with { ExpirationParams = null };

        await AssertRefused(harness, payment, "invalid ticket expiration params: missing");
    }

    [Fact]
    public void AtMost600NoncesPerRecipientRand()
    {
        var nonces = new SenderNonces();
        var hash = Hash32.Parse("0x" + new string('1', 64));
        for (uint n = 1; n <= 600; n++)
        {
            Assert.Null(nonces.TryRecord(hash, 50, Harness.GatewayAddress, n));
        }

        Assert.Equal($"invalid ticket senderNonce: too many values sender={Checksummed} nonce=601", nonces.TryRecord(hash, 50, Harness.GatewayAddress, 601));
        Assert.Equal($"invalid ticket senderNonce: already seen sender={Checksummed} nonce=7", nonces.TryRecord(hash, 50, Harness.GatewayAddress, 7));
        Assert.Null(nonces.TryRecord(Hash32.Parse("0x" + new string('2', 64)), 50, Harness.GatewayAddress, 601));

        nonces.Expire(49);
        Assert.Equal(2, nonces.Count);
        nonces.Expire(50);
        Assert.Equal(0, nonces.Count);
        Assert.Null(nonces.TryRecord(hash, 90, Harness.GatewayAddress, 7));
    }

    private static async Task AssertRefused(Harness harness, Payment payment, string error, EthAddress? sender = null)
    {
        var receipt = await harness.ReceiveAsync(payment);

        Assert.Equal(error, receipt.Error);
        Assert.False(receipt.Accepted);
        Assert.Equal(Rational.Zero, receipt.Credited);
        Assert.Equal(0, receipt.TicketsAccepted);
        Assert.Equal(Rational.Zero, await harness.Receiver.GetBalanceAsync(sender ?? Harness.GatewayAddress, "manifest", default));
    }
}
