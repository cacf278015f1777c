using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Crypto;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>Payments from the real sender to the real receiver, with real signatures (reference §4.6).</summary>
public sealed class ReceiverTests
{
    [Fact]
    public async Task RoundTripCreditsTheEVOfEveryTicket()
    {
        var harness = new Harness();
        var info = await harness.InfoAsync();
        var ev = info.TicketParams!.ExpectedValue;

        var payment = await harness.PayAsync(ev * 3, info: info);
        var receipt = await harness.ReceiveAsync(payment);

        Assert.True(receipt.Accepted, receipt.Error);
        Assert.Equal(3, payment.Tickets.Count);
        Assert.Equal([1u, 2u, 3u], payment.Tickets.Select(t => t.SenderNonce));
        Assert.Equal(ev * 3, receipt.Credited);
        Assert.Equal(3, receipt.TicketsAccepted);
        Assert.Equal(ev * 3, await harness.Receiver.GetBalanceAsync(Harness.GatewayAddress, "manifest", default));
        Assert.Equal(Rational.Zero, await harness.Receiver.GetBalanceAsync(Harness.GatewayAddress, "other", default));
        Assert.Equal(receipt.WinningTickets, harness.Queue.Tickets.Count);
    }

    [Fact]
    public async Task WinningTicketsCarryWhatRedemptionNeeds()
    {
        var harness = new Harness();
        harness.EveryTicketWins();
        var info = await harness.InfoAsync();
        Assert.Equal(TicketParams.MaxWinProbability, info.TicketParams!.WinProbability);

        // A real sender refuses face value = EV ("ticket faceValue too low"), so these are written by hand.
        var receipt = await harness.ReceiveAsync(Harness.HandPayment(info.TicketParams, 1, 2));

        Assert.Equal(2, receipt.WinningTickets);
        Assert.All(harness.Queue.Tickets, w =>
        {
            Span<byte> padded = stackalloc byte[32];
            Ticket.WriteUInt256(w.RecipientRand, padded, "rand");
            Assert.Equal(w.Ticket.RecipientRandHash, Keccak256.Hash(padded));
            Assert.Equal(SignatureStatus.Valid, TestKeys.Verifier.VerifyMessage(Harness.GatewayAddress, w.Ticket.ComputeHash().Span, w.Signature.AsSpan()));
            Assert.Equal(new BigInteger(1040), w.Ticket.ParamsExpirationBlock);
        });
    }

    [Fact]
    public async Task WinDeterminationIsKeccakOfSignatureAndRandBelowWinProb()
    {
        var harness = new Harness(PmOptions.Default with { TicketEV = 400_000_000_000 });
        harness.MaxFloat.Value = 1_600_000_000_000; // face value 4 EVs: about one ticket in four wins
        var info = await harness.InfoAsync();
        var payment = await harness.PayAsync(info.TicketParams!.ExpectedValue * 40, info: info);

        var receipt = await harness.ReceiveAsync(payment);

        Assert.True(receipt.Accepted, receipt.Error);
        var rand = Assert.Single(harness.Queue.Tickets.Select(w => w.RecipientRand).Distinct());
        var expected = payment.Tickets.Where(t => TicketValidator.IsWinning(t.Signature.AsSpan(), rand, info.TicketParams.WinProbability)).Select(t => t.SenderNonce);
        Assert.Equal(expected, harness.Queue.Tickets.Select(w => w.Ticket.SenderNonce));
        Assert.InRange(receipt.WinningTickets, 1, 39);
    }

    [Fact]
    public async Task WinningTicketIsDurableBeforeTheReceipt()
    {
        var harness = new Harness();
        harness.EveryTicketWins();
        var payment = Harness.HandPayment(await harness.ParamsAsync(), 1);
        harness.Queue.Hold();

        var receiving = harness.ReceiveAsync(payment);
        await Task.Delay(200);

        Assert.False(receiving.IsCompleted);
        Assert.Empty(harness.Queue.Tickets);
        Assert.Equal(Rational.Zero, await harness.Receiver.GetBalanceAsync(Harness.GatewayAddress, "manifest", default));
        harness.Queue.Release();
        var receipt = await receiving.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, receipt.WinningTickets);
        Assert.Single(harness.Queue.Tickets);
    }

    [Fact]
    public async Task TicketlessPaymentIsAcceptedAndCreditsNothing()
    {
        var receipt = await new Harness().ReceiveAsync(new Payment(Harness.GatewayAddress, Price.Free));

        Assert.True(receipt.Accepted);
        Assert.Equal(Rational.Zero, receipt.Credited);
    }

    [Fact]
    public async Task DebitsAreExactAndMayGoNegative()
    {
        var harness = new Harness();
        await harness.ReceiveAsync(await harness.PayAsync(1));
        var balance = (await harness.Receiver.GetBalanceAsync(Harness.GatewayAddress, "manifest", default))!.Value;

        var after = await harness.Receiver.DebitAsync(Harness.GatewayAddress, "manifest", balance + new Rational(1, 3), default);

        Assert.Equal(new Rational(-1, 3), after);
    }

    [Fact]
    public async Task ConcurrentCreditsAndDebitsAreAllRecorded()
    {
        var harness = new Harness();
        var info = await harness.InfoAsync();
        var ev = info.TicketParams!.ExpectedValue;
        var payments = new List<Payment>();
        for (var i = 0; i < 8; i++)
        {
            payments.Add(await harness.PayAsync(ev * 2, info: info));
        }

        var credits = payments.Select(p => Task.Run(() => harness.ReceiveAsync(p)));
        var debits = Enumerable.Range(0, 50).Select(_ => Task.Run(async () => await harness.Receiver.DebitAsync(Harness.GatewayAddress, "manifest", new Rational(1, 7), default)));
        var receipts = await Task.WhenAll(credits);
        await Task.WhenAll(debits);

        Assert.All(receipts, r => Assert.True(r.Accepted, r.Error));
        Assert.Equal(16, payments.SelectMany(p => p.Tickets).Select(t => t.SenderNonce).Distinct().Count());
        Assert.Equal((ev * 16) - new Rational(50, 7), await harness.Receiver.GetBalanceAsync(Harness.GatewayAddress, "manifest", default));
    }

    [Fact]
    public async Task ExpiredNonceEntriesAreDropped()
    {
        var harness = new Harness();
        await harness.ReceiveAsync(await harness.PayAsync(1));
        Assert.Equal(1, harness.Receiver.Nonces.Count);

        harness.Broker.AdvanceTo(1039);
        await harness.ReceiveAsync(await harness.PayAsync(1));
        Assert.Equal(2, harness.Receiver.Nonces.Count);

        harness.Broker.AdvanceTo(1040);
        await harness.ReceiveAsync(Harness.HandPayment(await harness.ParamsAsync(), 1));
        Assert.Equal(2, harness.Receiver.Nonces.Count); // the first (expiring at 1040) is gone; the second and the new one remain
    }
}
