using System.Numerics;
using Livepeer.Abstractions;
using Livepeer.Abstractions.Orchestrators;
using Livepeer.Abstractions.Payments;

namespace Livepeer.Plugins.Pm.Tests;

/// <summary>
/// Random and mutated payments, seeded from a valid one: the receiver never throws, credits only what it reports,
/// credits nothing for a payment it did not issue params for, and accepts a mutation only if it changed nothing signed.
/// </summary>
public sealed class PaymentFuzzTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task MutatedPaymentsAreRefusedOrHarmless(int seed)
    {
        var harness = new Harness();
        var p = await harness.ParamsAsync();
        var valid = Harness.HandPayment(p, 1, 2);
        var random = new Random(seed);
        var expectedBalance = Rational.Zero;
        for (var i = 0; i < 150; i++)
        {
            var mutated = Mutate(valid, random, out var what);
            PaymentReceipt receipt;
            try
            {
                receipt = await harness.ReceiveAsync(mutated).WaitAsync(TimeSpan.FromSeconds(10));
            }
            catch (Exception e) when (e is not TimeoutException)
            {
                throw new Xunit.Sdk.XunitException($"Mutation {i} ({what}) threw {e}");
            }

            Assert.Equal(p.ExpectedValue * receipt.TicketsAccepted, receipt.Credited);
            Assert.InRange(receipt.TicketsAccepted, 0, mutated.Tickets.Count);
            if (what is not ("nonce" or "none"))
            {
                Assert.True(receipt.TicketsAccepted == 0, $"Mutation {i} ({what}) was credited: {receipt}");
            }

            expectedBalance += receipt.Credited;
        }

        Assert.Equal(expectedBalance, await harness.Receiver.GetBalanceAsync(Harness.GatewayAddress, "manifest", default));
    }

    [Fact]
    public async Task RandomPaymentsCreditNothing()
    {
        var harness = new Harness();
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var sender = new EthAddress(Bytes(random, 20));
            var payment = new Payment(sender, new Price(random.NextInt64(0, long.MaxValue), random.NextInt64(1, long.MaxValue)))
            {
                TicketParams = random.Next(8) == 0 ? null : new TicketParams(
                    random.Next(2) == 0 ? Harness.OrchestratorAddress : new EthAddress(Bytes(random, 20)),
                    Big(random), Big(random), new Hash32(Bytes(random, 32)), Big(random), Big(random)),
                ExpirationParams = random.Next(8) == 0 ? null : new TicketExpirationParams(random.NextInt64(long.MinValue, long.MaxValue), new Hash32(Bytes(random, 32))),
                Tickets = [.. Enumerable.Range(0, random.Next(4)).Select(_ => new TicketSenderParams((uint)random.NextInt64(0, uint.MaxValue), [.. Bytes(random, random.Next(3) == 0 ? 65 : random.Next(200))]))],
            };

            var receipt = await harness.ReceiveAsync(payment);

            Assert.Equal(Rational.Zero, receipt.Credited);
            Assert.Equal(0, receipt.TicketsAccepted);
            if (payment.TicketParams is not null && payment.Tickets.Count > 0)
            {
                Assert.False(receipt.Accepted, $"Random payment {i} was accepted.");
            }
        }

        Assert.Empty(harness.Queue.Tickets);
    }

    private static Payment Mutate(Payment valid, Random random, out string what)
    {
        var p = valid.TicketParams!;
        var tickets = valid.Tickets.ToList();
        var signature = tickets[0].Signature.ToArray();
        switch (random.Next(12))
        {
            case 0:
                what = "signature";
                signature[random.Next(signature.Length)] ^= (byte)(1 << random.Next(8));
                tickets[0] = tickets[0] with { Signature = [.. signature] };
                tickets.RemoveAt(1);
                return valid with { Tickets = tickets };
            case 1:
                what = "truncated signature";
                tickets[0] = tickets[0] with { Signature = [.. signature.AsSpan(0, random.Next(65))] };
                tickets.RemoveAt(1);
                return valid with { Tickets = tickets };
            case 2:
                what = "faceValue";
                return valid with { TicketParams = p with { FaceValue = p.FaceValue + random.Next(1, 1000) } };
            case 3:
                what = "winProb";
                return valid with { TicketParams = p with { WinProbability = p.WinProbability ^ (BigInteger.One << random.Next(256)) } };
            case 4:
                what = "seed";
                return valid with { TicketParams = p with { Seed = p.Seed ^ (BigInteger.One << random.Next(300)) } };
            case 5:
                what = "expirationBlock";
                return valid with { TicketParams = p with { ExpirationBlock = random.Next(2) == 0 ? -p.ExpirationBlock : p.ExpirationBlock + 1 } };
            case 6:
                what = "recipientRandHash";
                var hash = p.RecipientRandHash.Span.ToArray();
                hash[random.Next(32)] ^= 0x80;
                return valid with { TicketParams = p with { RecipientRandHash = new Hash32(hash) } };
            case 7:
                what = "sender";
                return valid with { Sender = new EthAddress(Bytes(random, 20)) };
            case 8:
                what = "price";
                return valid with { ExpectedPrice = new Price(valid.ExpectedPrice.PricePerUnit + 1, valid.ExpectedPrice.PixelsPerUnit) };
            case 9:
                what = "expiration";
                return valid with { ExpirationParams = random.Next(2) == 0 ? null : valid.ExpirationParams! with { CreationRound = random.NextInt64(long.MinValue, long.MaxValue) } };
            case 10:
                what = "nonce"; // a valid signature over another nonce: refused as a bad signature unless it is the signed one
                tickets[0] = tickets[0] with { SenderNonce = (uint)random.Next(1, 4) };
                tickets.RemoveAt(1);
                return valid with { Tickets = tickets };
            default:
                what = "none"; // a replay: the first is credited, then "already seen"
                return valid;
        }
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static BigInteger Big(Random random) => random.Next(6) switch
    {
        0 => BigInteger.MinusOne * random.Next(),
        1 => BigInteger.One << random.Next(200, 600),
        _ => new BigInteger(Bytes(random, random.Next(1, 33)), isUnsigned: true, isBigEndian: true),
    };
}
